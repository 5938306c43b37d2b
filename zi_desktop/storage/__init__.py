"""Local workspace storage: SQLite tables (sqlmodel), migrations, the evidence store, audit."""
