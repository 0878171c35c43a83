"""courses with runs: place, dates, format, schedule and price per run; places anywhere in Germany

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 03:00:00

Today's data is kept: every run takes its course's price, format and schedule (a price of 0 stays an
amount, "kostenlos"), places get their Bundesland from their region and their coordinates from the
gazetteer, demo courses are marked with the source "demo".
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('geo_key', sa.String(length=200), nullable=True))
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_places_geo_key'), ['geo_key'], unique=False)
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_id', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_providers_external_id'), ['external_id'], unique=False)
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('certifier', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=20), nullable=False, server_default='eigen'))
        batch_op.add_column(sa.Column('source_updated', sa.Date(), nullable=True))
        batch_op.alter_column('topic_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('course_dates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_id', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('flexible_start', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('street', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('postcode', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('latitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('longitude', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('format', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('schedule', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('schedule_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('price_eur', sa.Numeric(precision=10, scale=2), nullable=True))
        batch_op.add_column(sa.Column('price_state', sa.String(length=12), nullable=False, server_default='betrag'))
        batch_op.add_column(sa.Column('price_remark', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=10), nullable=False, server_default='aktiv'))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
        batch_op.alter_column('start_date', existing_type=sa.Date(), nullable=True)
        batch_op.alter_column('end_date', existing_type=sa.Date(), nullable=True)

    # The course's price, format and schedule become its runs' own.
    for column in ('format', 'schedule', 'price_eur'):
        op.execute(
            f"UPDATE course_dates SET {column} = (SELECT courses.{column} FROM courses "
            f"WHERE courses.id = course_dates.course_id)"
        )
    op.execute("UPDATE places SET state = (SELECT regions.state FROM regions WHERE regions.id = places.region_id)")
    op.execute("UPDATE courses SET source = 'demo' WHERE is_demo")
    _place_coordinates()

    with op.batch_alter_table('course_dates', schema=None) as batch_op:
        batch_op.alter_column('format', existing_type=sa.String(length=10), nullable=False)
        batch_op.alter_column('schedule', existing_type=sa.String(length=20), nullable=False)
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('schedule')
        batch_op.drop_column('format')
        batch_op.drop_column('price_eur')


def _place_coordinates() -> None:
    """Coordinates and gazetteer key of every stored place, found by name and postcode."""
    from bot.geo import find

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, name, postcode, state FROM places")).all()
    for place_id, name, postcode, state in rows:
        found = find(name, postcode=postcode, prefer_state=state)
        if found is None or found.lat is None:
            continue
        connection.execute(
            sa.text("UPDATE places SET latitude = :lat, longitude = :lon, geo_key = :key WHERE id = :id"),
            {"lat": found.lat, "lon": found.lon, "key": found.key, "id": place_id},
        )


def downgrade() -> None:
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('price_eur', sa.Numeric(precision=10, scale=2), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('format', sa.String(length=10), nullable=False, server_default='praesenz'))
        batch_op.add_column(sa.Column('schedule', sa.String(length=20), nullable=False,
                                      server_default='teilzeit'))
    for column in ('format', 'schedule', 'price_eur'):
        op.execute(
            f"UPDATE courses SET {column} = COALESCE((SELECT course_dates.{column} FROM course_dates "
            f"WHERE course_dates.course_id = courses.id ORDER BY course_dates.id LIMIT 1), courses.{column})"
        )
    op.execute("DELETE FROM course_dates WHERE start_date IS NULL OR end_date IS NULL")
    with op.batch_alter_table('course_dates', schema=None) as batch_op:
        for column in ('ended_on', 'status', 'price_remark', 'price_state', 'price_eur', 'schedule_text',
                       'schedule', 'format', 'longitude', 'latitude', 'postcode', 'street', 'flexible_start',
                       'external_id'):
            batch_op.drop_column(column)
        batch_op.alter_column('start_date', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('end_date', existing_type=sa.Date(), nullable=False)
    op.execute("DELETE FROM courses WHERE topic_id IS NULL")
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.alter_column('topic_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('source_updated')
        batch_op.drop_column('source')
        batch_op.drop_column('certifier')
    with op.batch_alter_table('providers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_providers_external_id'))
        batch_op.drop_column('external_id')
    op.execute("DELETE FROM places WHERE region_id IS NULL")
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_geo_key'))
        batch_op.alter_column('region_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('geo_key')
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')
        batch_op.drop_column('state')
