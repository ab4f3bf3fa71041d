"""the language of a staff account: staff_profile.language ("id" or "en"), as an applicant's

Revision ID: 4c8a1f2e6b30
Revises: 9e4b2c7d1a35
Create Date: 2026-12-07 14:45:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4c8a1f2e6b30'
down_revision = '9e4b2c7d1a35'
branch_labels = None
depends_on = None


def upgrade():
    # existing staff keep receiving Indonesian, the office's language, until they choose
    with op.batch_alter_table('staff_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='id',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('staff_profile', schema=None) as batch_op:
        batch_op.drop_column('language')
