#ifndef MH_ECS_MOVE_H
#define MH_ECS_MOVE_H
/* Data-movement rules for ECS events (ecs_move.c): pure functions on slices. */
#include "core/event.h"

#define MH_ECS_UPLOAD_MIN (1u << 20) /* bytes sent in one flow to count as an upload */

/* A process start that creates an archive (see ecs.c for the rules). */
int mh_ecs_is_archiver(struct mh_str name, struct mh_str exe, struct mh_str cmd);
/* A path with an archive extension. */
int mh_ecs_is_archive_path(struct mh_str path);
/* A path on removable media. */
int mh_ecs_is_removable(struct mh_str path);

#endif
