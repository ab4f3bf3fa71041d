"""office audit log, report counters, staff password change, confidential outbox

The report counters start empty: on an install that already has applications, run
`flask reports rebuild` once after upgrading (it counts them from the applications and
their events).

Revision ID: 2a35046a1316
Revises: 16c7b580cae2
Create Date: 2026-12-06 01:43:39.577360

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2a35046a1316'
down_revision = '16c7b580cae2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('actor_kind', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_actor_created', ['actor_id', 'created_at'], unique=False)
        batch_op.create_index('ix_audit_log_category_created', ['category', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_created_at'), ['created_at'], unique=False)

    op.create_table('report_count',
    sa.Column('grain', sa.String(length=1), nullable=False),
    sa.Column('basis', sa.String(length=8), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('agency_code', sa.String(length=32), nullable=False),
    sa.Column('permit_code', sa.String(length=64), nullable=False),
    sa.Column('application_type', sa.String(length=32), nullable=False),
    sa.Column('region_code', sa.String(length=13), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('work_days', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('on_time', sa.Boolean(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('grain', 'basis', 'day', 'agency_code', 'permit_code', 'application_type', 'region_code', 'status', 'work_days', 'on_time'),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confidential', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('staff_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('staff_profile', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('confidential')

    op.drop_table('report_count')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_created_at'))
        batch_op.drop_index('ix_audit_log_category_created')
        batch_op.drop_index('ix_audit_log_actor_created')

    op.drop_table('audit_log')
