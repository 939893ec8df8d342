"""mock interviews

Revision ID: 0003_mocks
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_mocks"
down_revision = "0002"
branch_labels = ("mocks",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mocks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("company", sa.String(64), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("plan", sa.Text, nullable=False),
        sa.Column("round_started", sa.Text, nullable=False),
        sa.Column("position", sa.String(40), nullable=False),
        sa.Column("pending_follow_up", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("finished_at", TS),
        sa.Column("report", sa.Text, nullable=False),
    )
    op.create_index("ix_mocks_user_id", "mocks", ["user_id"])
    op.create_table(
        "mock_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mock_id", sa.Integer, sa.ForeignKey("mocks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("round_index", sa.Integer, nullable=False),
        sa.Column("question_index", sa.Integer, nullable=False),
        sa.Column("item_id", sa.String(120), nullable=False),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("follow_up", sa.Boolean, nullable=False),
        sa.Column("feedback", sa.Text, nullable=False),
        sa.Column("answered_at", TS, nullable=False),
    )
    op.create_index("ix_mock_answers_mock_id", "mock_answers", ["mock_id"])


def downgrade() -> None:
    op.drop_table("mock_answers")
    op.drop_table("mocks")
