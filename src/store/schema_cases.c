/*
 * Tables of extortion response: indexed documents with their winnowing
 * fingerprints (molehunt index), cases, the hash-chained case log and the
 * content-addressed evidence blobs. docs/CASES.md documents them.
 *
 * The log and the evidence are append-only: triggers refuse UPDATE and DELETE,
 * so only someone who drops the triggers can change them, and `case verify`
 * reports what they changed.
 */
#include "store/schema.h"

static const char *const cases[] = {
    /* 0 -> 1 */
    "CREATE TABLE docs ("
    "  id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, repo TEXT,"
    "  sha256 TEXT NOT NULL, size INTEGER NOT NULL, nfp INTEGER NOT NULL,"
    "  indexed_ms INTEGER NOT NULL);"
    "CREATE INDEX docs_sha256 ON docs(sha256);"
    "CREATE TABLE doc_fps ("
    "  fp INTEGER NOT NULL, doc_id INTEGER NOT NULL REFERENCES docs(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (fp, doc_id)) WITHOUT ROWID;"
    "CREATE INDEX doc_fps_doc ON doc_fps(doc_id);"
    "CREATE TABLE cases ("
    "  id INTEGER PRIMARY KEY, opened_ms INTEGER NOT NULL,"
    "  entries INTEGER NOT NULL, head TEXT NOT NULL);"
    "CREATE TABLE case_log ("
    "  case_id INTEGER NOT NULL REFERENCES cases(id), seq INTEGER NOT NULL,"
    "  entry TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL,"
    "  PRIMARY KEY (case_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE evidence ("
    "  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL,"
    "  added_ms INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TRIGGER case_log_no_update BEFORE UPDATE ON case_log"
    "  BEGIN SELECT RAISE(ABORT, 'the case log is append-only'); END;"
    "CREATE TRIGGER case_log_no_delete BEFORE DELETE ON case_log"
    "  BEGIN SELECT RAISE(ABORT, 'the case log is append-only'); END;"
    "CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence"
    "  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;"
    "CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
    "  BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;",
};

const struct mh_schema_module mh_schema_cases = {"cases", cases, sizeof(cases) / sizeof(cases[0])};
