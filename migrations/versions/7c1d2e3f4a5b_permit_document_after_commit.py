"""permit document produced after the issuing commit

Revision ID: 7c1d2e3f4a5b
Revises: 05258431cede
Create Date: 2026-12-06 01:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7c1d2e3f4a5b'
down_revision = '05258431cede'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('issued_permit', schema=None) as batch_op:
        batch_op.alter_column('storage_key', existing_type=sa.String(length=200), nullable=True)
        batch_op.alter_column('sha256', existing_type=sa.String(length=64), nullable=True)


def downgrade():
    with op.batch_alter_table('issued_permit', schema=None) as batch_op:
        batch_op.alter_column('sha256', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('storage_key', existing_type=sa.String(length=200),
                              nullable=False)
