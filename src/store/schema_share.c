/*
 * Consortium sharing (docs/SHARE.md): the last bundle imported from each
 * peer and its keyed artifact hashes. A peer's new bundle replaces its
 * hashes, so re-importing a bundle changes nothing and people a peer stops
 * flagging drop out. Nothing here is personal data: hashes, random subject
 * ids, coarse categories and months.
 */
#include "store/schema.h"

static const char *const share[] = {
    /* 0 -> 1 */
    "CREATE TABLE share_bundles ("
    "  peer TEXT PRIMARY KEY, key_id TEXT NOT NULL, created TEXT NOT NULL,"
    "  digest TEXT NOT NULL, records INTEGER NOT NULL, imported_ms INTEGER NOT NULL)"
    "  WITHOUT ROWID;"
    "CREATE TABLE share_hashes ("
    "  peer TEXT NOT NULL REFERENCES share_bundles(peer), subject TEXT NOT NULL,"
    "  kind INTEGER NOT NULL, hash BLOB NOT NULL, reason INTEGER NOT NULL,"
    "  category INTEGER NOT NULL, flagged TEXT NOT NULL,"
    "  PRIMARY KEY (peer, subject, kind, hash)) WITHOUT ROWID;",
};

const struct mh_schema_module mh_schema_share = {"share", share, sizeof(share) / sizeof(share[0])};
