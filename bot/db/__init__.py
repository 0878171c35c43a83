"""The offer database: schema, engine and sessions, migrations."""
