/* Tables of `molehunt serve`: its settings (the pseudonym salt) and the audit
 * log of identity reveals. Tokens are never stored. */
#include "store/schema.h"

static const char *const serve[] = {
    /* 0 -> 1 */
    "CREATE TABLE serve_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE serve_audit ("
    "  id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, action TEXT NOT NULL,"
    "  role TEXT NOT NULL, token_id TEXT NOT NULL, token_label TEXT NOT NULL,"
    "  client TEXT NOT NULL, person_id INTEGER, pseudonym TEXT, reason TEXT NOT NULL);"
    "CREATE INDEX serve_audit_person ON serve_audit(person_id, at_ms);",
};

const struct mh_schema_module mh_schema_serve = {"serve", serve, sizeof(serve) / sizeof(serve[0])};
