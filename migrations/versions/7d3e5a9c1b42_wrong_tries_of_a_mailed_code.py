"""wrong tries of a mailed code: email_code.attempts, counted by services/codes.py; a code
tried CODE_MAX_ATTEMPTS times is void

Revision ID: 7d3e5a9c1b42
Revises: 4c8a1f2e6b30
Create Date: 2026-12-07 17:35:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7d3e5a9c1b42'
down_revision = '4c8a1f2e6b30'
branch_labels = None
depends_on = None


def upgrade():
    # codes already mailed start with no tries counted
    with op.batch_alter_table('email_code', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('email_code', schema=None) as batch_op:
        batch_op.drop_column('attempts')
