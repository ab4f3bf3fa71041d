"""application types with effects: the permit an application renews, amends or revokes, and
the permit that replaced an issued one

Revision ID: 3c9a71e5d2b4
Revises: da63eab16f7d
Create Date: 2026-12-10 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c9a71e5d2b4'
down_revision = 'da63eab16f7d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('issued_permit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('replaced_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('replaced_kind', sa.String(length=16), nullable=True))
        batch_op.create_foreign_key('fk_issued_permit_replaced_by_id_issued_permit',
                                    'issued_permit', ['replaced_by_id'], ['id'],
                                    ondelete='SET NULL')

    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_permit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_application_subject_permit_id'),
                              ['subject_permit_id'], unique=False)
        batch_op.create_foreign_key('fk_application_subject_permit_id', 'issued_permit',
                                    ['subject_permit_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_constraint('fk_application_subject_permit_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_application_subject_permit_id'))
        batch_op.drop_column('subject_permit_id')

    with op.batch_alter_table('issued_permit', schema=None) as batch_op:
        batch_op.drop_constraint('fk_issued_permit_replaced_by_id_issued_permit',
                                 type_='foreignkey')
        batch_op.drop_column('replaced_kind')
        batch_op.drop_column('replaced_at')
        batch_op.drop_column('replaced_by_id')
