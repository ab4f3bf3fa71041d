"""the language of a person's e-mails: applicant_profile.language ("id" or "en") and, for
visitors without an account, complaint.language

Revision ID: 9e4b2c7d1a35
Revises: b7e3c2a91f05
Create Date: 2026-12-07 14:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9e4b2c7d1a35'
down_revision = 'b7e3c2a91f05'
branch_labels = None
depends_on = None


def upgrade():
    # existing accounts keep receiving Indonesian, the office's language, until they choose
    with op.batch_alter_table('applicant_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='id',
                                      nullable=False))
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='id',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('applicant_profile', schema=None) as batch_op:
        batch_op.drop_column('language')
