/* The vetting tables: every vetted applicant with its canonical artifacts and
 * resume MinHash, so each new batch is checked against all earlier ones. */
#include "store/schema.h"

static const char *const vet[] = {
    /* 0 -> 1: applicants and their artifacts */
    "CREATE TABLE vet_applicants ("
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL, surname TEXT NOT NULL,"
    "  applied_ms INTEGER NOT NULL, score REAL NOT NULL, sig BLOB,"
    "  vetted_at INTEGER NOT NULL, findings TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE vet_artifacts ("
    "  applicant_id TEXT NOT NULL, kind INTEGER NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY (applicant_id, kind, value)) WITHOUT ROWID;"
    "CREATE INDEX vet_artifacts_value ON vet_artifacts(kind, value);",
};

const struct mh_schema_module mh_schema_vet = {"vet", vet, sizeof(vet) / sizeof(vet[0])};
