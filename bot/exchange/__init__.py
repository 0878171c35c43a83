"""Course data exchange: CSV and PAS-1045/openQCAT-style XML import and export (see docs/import-formats.md)."""
