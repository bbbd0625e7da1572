/* The core tables: people, aggregates, artifacts, findings, scores, sources. */
#include "store/schema.h"

static const char *const core[] = {
    /* 0 -> 1: the streaming core */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;"
    "CREATE TABLE sources ("
    "  id INTEGER PRIMARY KEY, path TEXT NOT NULL, format TEXT NOT NULL,"
    "  head_hash INTEGER NOT NULL, offset INTEGER NOT NULL, lines INTEGER NOT NULL,"
    "  prefix_hash INTEGER NOT NULL, events INTEGER NOT NULL, rejected INTEGER NOT NULL,"
    "  scanned_at INTEGER NOT NULL);"
    "CREATE INDEX sources_head ON sources(head_hash);"
    "CREATE TABLE persons ("
    "  id INTEGER PRIMARY KEY, key TEXT NOT NULL, resolved INTEGER NOT NULL,"
    "  email TEXT, name TEXT, department TEXT, title TEXT, country TEXT, timezone TEXT,"
    "  first_ms INTEGER, last_ms INTEGER, events INTEGER NOT NULL DEFAULT 0,"
    "  art_dropped INTEGER NOT NULL DEFAULT 0,"
    "  hours BLOB, days BLOB, UNIQUE (key, resolved));"
    "CREATE TABLE artifacts ("
    "  person_id INTEGER NOT NULL REFERENCES persons(id), kind TEXT NOT NULL,"
    "  value TEXT NOT NULL, src TEXT NOT NULL, count INTEGER NOT NULL,"
    "  first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
    "  source_id INTEGER, line INTEGER, PRIMARY KEY (person_id, kind, value)) WITHOUT ROWID;"
    "CREATE INDEX artifacts_value ON artifacts(kind, value);"
    "CREATE TABLE findings ("
    "  id INTEGER PRIMARY KEY, detector TEXT NOT NULL,"
    "  person_id INTEGER NOT NULL REFERENCES persons(id), key TEXT NOT NULL,"
    "  origin INTEGER NOT NULL, first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL,"
    "  count INTEGER NOT NULL, points REAL NOT NULL, summary TEXT NOT NULL,"
    "  evidence TEXT NOT NULL, UNIQUE (detector, person_id, key));"
    "CREATE INDEX findings_person ON findings(person_id);"
    "CREATE TABLE scores ("
    "  person_id INTEGER PRIMARY KEY REFERENCES persons(id), score REAL NOT NULL,"
    "  as_of_ms INTEGER NOT NULL, contributions TEXT NOT NULL);"
    "CREATE TABLE score_history ("
    "  person_id INTEGER NOT NULL REFERENCES persons(id), as_of_ms INTEGER NOT NULL,"
    "  score REAL NOT NULL, computed_at INTEGER NOT NULL,"
    "  PRIMARY KEY (person_id, as_of_ms)) WITHOUT ROWID;",
    /* 1 -> 2: persons.days may hold version 2 (packed) records. Nothing to
     * convert here: both versions are read and every scan rewrites each
     * person's BLOB as version 2; the version bump makes an older molehunt
     * refuse the store instead of calling its days corrupt. */
    "-- persons.days: version 2 records",
};

const struct mh_schema_module mh_schema_core = {"core", core, sizeof(core) / sizeof(core[0])};
