"""practice: cards, review logs, attempts, user settings, quizzes

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _user() -> sa.Column:
    return sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("item_id", sa.String(120), nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("step", sa.Integer),
        sa.Column("stability", sa.Float),
        sa.Column("difficulty", sa.Float),
        sa.Column("due", TS, nullable=False),
        sa.Column("last_review", TS),
        sa.Column("reps", sa.Integer, nullable=False),
        sa.Column("lapses", sa.Integer, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("user_id", "item_id", name="uq_cards_user_item"),
    )
    op.create_index("ix_cards_user_due", "cards", ["user_id", "due"])
    op.create_index("ix_cards_user_new", "cards", ["user_id", "reps", "added_at"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("card_id", sa.Integer, sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.String(120), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("reviewed_at", TS, nullable=False),
        sa.Column("duration_ms", sa.Integer),
        sa.Column("first_review", sa.Boolean, nullable=False),
        sa.Column("before", sa.Text, nullable=False),
    )
    op.create_index("ix_review_logs_user_time", "review_logs", ["user_id", "reviewed_at"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("item_id", sa.String(120), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("correct", sa.Boolean),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("feedback", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_attempts_user_time", "attempts", ["user_id", "created_at"])
    op.create_table(
        "user_settings",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("desired_retention", sa.Float, nullable=False),
        sa.Column("new_per_day", sa.Integer, nullable=False),
        sa.Column("reviews_per_day", sa.Integer, nullable=False),
        sa.Column("auto_add_mistakes", sa.Boolean, nullable=False),
    )
    op.create_table(
        "quizzes",
        sa.Column("id", sa.Integer, primary_key=True),
        _user(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("item_ids", sa.Text, nullable=False),
        sa.Column("choices", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("finished_at", TS),
    )
    op.create_index("ix_quizzes_user_id", "quizzes", ["user_id"])


def downgrade() -> None:
    for table in ("quizzes", "user_settings", "attempts", "review_logs", "cards"):
        op.drop_table(table)
