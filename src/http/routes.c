/* The route table: method, path, least role, body limit, handler. */
#include "http/http_int.h"

#define SMALL_BODY (16u << 10)
#define INGEST     ((size_t)-1)

const struct mh_route mh_routes[] = {
    {MH_METHOD_GET, "/api/health", MH_ROLE_ANALYST, 0, mh_api_health},
    {MH_METHOD_GET, "/api/whoami", MH_ROLE_ANALYST, 0, mh_api_whoami},
    {MH_METHOD_GET, "/api/people", MH_ROLE_ANALYST, 0, mh_api_people},
    {MH_METHOD_GET, "/api/people/*", MH_ROLE_ANALYST, 0, mh_api_person},
    {MH_METHOD_POST, "/api/people/*/reveal", MH_ROLE_ANALYST, SMALL_BODY, mh_api_reveal},
    {MH_METHOD_GET, "/api/audit", MH_ROLE_ANALYST, 0, mh_api_audit},
    {MH_METHOD_GET, "/api/graph", MH_ROLE_ANALYST, 0, mh_api_graph},
    {MH_METHOD_GET, "/api/applicants", MH_ROLE_ANALYST, 0, mh_api_applicants},
    {MH_METHOD_GET, "/api/cases", MH_ROLE_ANALYST, 0, mh_api_cases},
    {MH_METHOD_GET, "/api/cases/*", MH_ROLE_ANALYST, 0, mh_api_case},
    {MH_METHOD_POST, "/api/ingest", MH_ROLE_ANALYST, INGEST, mh_api_ingest},
    /* The dashboard: code and styles only, no data, so no token. */
    {MH_METHOD_GET, "/", MH_ROLE_NONE, 0, mh_api_static},
    {MH_METHOD_GET, "/*", MH_ROLE_NONE, 0, mh_api_static},
    {MH_METHOD_GET, "/assets/*", MH_ROLE_NONE, 0, mh_api_static},
    {0, NULL, MH_ROLE_NONE, 0, NULL},
};
