"""privacy requests (UU PDP) and growing login delays instead of account locks

Revision ID: a4d195e084ca
Revises: 2a35046a1316
Create Date: 2026-12-06 02:34:20.614980

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4d195e084ca'
down_revision = '2a35046a1316'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('auth_throttle',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('auth_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_throttle_last_failure_at'), ['last_failure_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auth_throttle_user_id'), ['user_id'], unique=False)

    op.create_table('privacy_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('handler_note', sa.Text(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['handled_by_id'], ['ab_user.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('privacy_request', schema=None) as batch_op:
        batch_op.create_index('ix_privacy_request_status_requested', ['status', 'requested_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_privacy_request_user_id'), ['user_id'], unique=False)

    op.drop_table('login_throttle')


def downgrade():
    op.create_table('login_throttle',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id')
    )
    with op.batch_alter_table('privacy_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_request_user_id'))
        batch_op.drop_index('ix_privacy_request_status_requested')

    op.drop_table('privacy_request')
    with op.batch_alter_table('auth_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_throttle_user_id'))
        batch_op.drop_index(batch_op.f('ix_auth_throttle_last_failure_at'))

    op.drop_table('auth_throttle')
