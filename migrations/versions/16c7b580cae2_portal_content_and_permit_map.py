"""portal content (banners, announcements, FAQ, help pages, settings), the WebGIS permit
map (points and pre-counted grid cells) and English inbox texts

Revision ID: 16c7b580cae2
Revises: 2fecdbf0f456
Create Date: 2026-12-06 01:19:30.020407

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '16c7b580cae2'
down_revision = '2fecdbf0f456'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('faq_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.String(length=120), nullable=False),
    sa.Column('topic_en', sa.String(length=120), nullable=False),
    sa.Column('question_id', sa.Text(), nullable=False),
    sa.Column('question_en', sa.Text(), nullable=False),
    sa.Column('answer_id', sa.Text(), nullable=False),
    sa.Column('answer_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('faq_entry', schema=None) as batch_op:
        batch_op.create_index('ix_faq_entry_order', ['active', 'position'], unique=False)

    op.create_table('help_page',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('title_id', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('body_id', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('permit_map_cell',
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('cy', sa.Integer(), nullable=False),
    sa.Column('cx', sa.Integer(), nullable=False),
    sa.Column('permit_code', sa.String(length=64), nullable=False),
    sa.Column('agency_code', sa.String(length=32), nullable=False),
    sa.Column('sector_code', sa.String(length=32), nullable=False),
    sa.Column('regency_code', sa.String(length=13), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('y_sum', sa.BigInteger(), nullable=False),
    sa.Column('x_sum', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('level', 'cy', 'cx', 'permit_code', 'agency_code', 'sector_code', 'regency_code', 'year')
    )
    op.create_table('portal_announcement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_id', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('body_id', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('portal_announcement', schema=None) as batch_op:
        batch_op.create_index('ix_portal_announcement_shown', ['active', 'published_on'], unique=False)

    op.create_table('portal_banner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_id', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('caption_id', sa.Text(), nullable=False),
    sa.Column('caption_en', sa.Text(), nullable=False),
    sa.Column('link_url', sa.String(length=500), nullable=False),
    sa.Column('image_key', sa.String(length=200), nullable=True),
    sa.Column('image_mime', sa.String(length=50), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('portal_banner', schema=None) as batch_op:
        batch_op.create_index('ix_portal_banner_shown', ['active', 'position'], unique=False)

    op.create_table('portal_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('permit_map_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('permit_id', sa.Integer(), nullable=False),
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('y', sa.Integer(), nullable=False),
    sa.Column('x', sa.Integer(), nullable=False),
    sa.Column('permit_code', sa.String(length=64), nullable=False),
    sa.Column('agency_code', sa.String(length=32), nullable=False),
    sa.Column('sector_code', sa.String(length=32), nullable=False),
    sa.Column('regency_code', sa.String(length=13), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['permit_id'], ['issued_permit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('permit_id')
    )
    with op.batch_alter_table('permit_map_point', schema=None) as batch_op:
        batch_op.create_index('ix_permit_map_point_bbox', ['band', 'x', 'y', 'permit_code',
                              'agency_code', 'sector_code', 'regency_code', 'year', 'id'],
                              unique=False)

    with op.batch_alter_table('inbox_message', schema=None) as batch_op:
        # existing messages have no English text (shown in Indonesian)
        batch_op.add_column(sa.Column('subject_en', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('body_en', sa.Text(), nullable=False,
                                      server_default=''))



def downgrade():
    with op.batch_alter_table('inbox_message', schema=None) as batch_op:
        batch_op.drop_column('body_en')
        batch_op.drop_column('subject_en')

    with op.batch_alter_table('permit_map_point', schema=None) as batch_op:
        batch_op.drop_index('ix_permit_map_point_bbox')

    op.drop_table('permit_map_point')
    op.drop_table('portal_setting')
    with op.batch_alter_table('portal_banner', schema=None) as batch_op:
        batch_op.drop_index('ix_portal_banner_shown')

    op.drop_table('portal_banner')
    with op.batch_alter_table('portal_announcement', schema=None) as batch_op:
        batch_op.drop_index('ix_portal_announcement_shown')

    op.drop_table('portal_announcement')
    op.drop_table('permit_map_cell')
    op.drop_table('help_page')
    with op.batch_alter_table('faq_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_faq_entry_order')

    op.drop_table('faq_entry')
