"""privacy consent at registration: when the applicant accepted the privacy notice and which
version of it

Revision ID: 6d1e0c4b7a92
Revises: 3c9a71e5d2b4
Create Date: 2026-12-07 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6d1e0c4b7a92'
down_revision = '3c9a71e5d2b4'
branch_labels = None
depends_on = None


def upgrade():
    # existing accounts keep both empty: their consent was never recorded
    with op.batch_alter_table('applicant_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_consent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('privacy_notice_version', sa.String(length=40),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('applicant_profile', schema=None) as batch_op:
        batch_op.drop_column('privacy_notice_version')
        batch_op.drop_column('privacy_consent_at')
