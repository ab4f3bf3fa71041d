"""complaint contact verified: when a complaint's e-mail address was shown to be the
complainant's (an account's at filing, a visitor's by the code mailed to it)

Revision ID: b7e3c2a91f05
Revises: 6d1e0c4b7a92
Create Date: 2026-12-07 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e3c2a91f05'
down_revision = '6d1e0c4b7a92'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_verified_at', sa.DateTime(), nullable=True))
    # an applicant's complaint carries their account's address, verified at registration;
    # a visitor's stays unverified until they type a code (they can ask for one on its page)
    op.execute("UPDATE complaint SET contact_verified_at = created_at "
               "WHERE user_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_column('contact_verified_at')
