"""submissions: code and SQL runs and submits with their verdicts

Revision ID: 0003_submissions
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_submissions"
down_revision = "0002"
branch_labels = ("submissions",)  # an independent branch: other features add their own from 0002
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("exercise_id", sa.String(120), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("passed", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("time_ms", sa.Integer, nullable=False),
        sa.Column("memory_kb", sa.Integer, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_submissions_user_exercise", "submissions", ["user_id", "exercise_id", "created_at"])


def downgrade() -> None:
    op.drop_table("submissions")
