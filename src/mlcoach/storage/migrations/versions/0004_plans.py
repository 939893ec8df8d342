"""study plans

Revision ID: 0004_plans
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_plans"
down_revision = "0002"
branch_labels = ("plans",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "study_plans",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("roles", sa.Text, nullable=False),
        sa.Column("companies", sa.Text, nullable=False),
        sa.Column("interview_date", sa.Date, nullable=False),
        sa.Column("minutes_per_day", sa.Integer, nullable=False),
        sa.Column("days_off", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("study_plans")
