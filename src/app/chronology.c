/*
 * chronology.c: appending an entry to a child's record chronology (see chronology.h):
 * the protocol's check of the entry (R-REC-3), then one row through src/store/records.h.
 */
#include "app/chronology.h"

#include "store/records.h"
#include "util/ltime.h"

#define CHRON_MAX_PEOPLE 20

int chronology_add(struct uc *u, const char *record_id, int64_t occurred_at, enum rec_nature nature,
                   const char *kind, const char *text, json_t *people, const char *referral_id,
                   const char *supersedes, char id_out[ID_MAX])
{
	const char *names[CHRON_MAX_PEOPLE];
	size_t n = 0;
	size_t i;
	json_t *v;
	json_array_foreach(people, i, v)
	{
		if (n < CHRON_MAX_PEOPLE && json_is_string(v))
			names[n++] = json_string_value(v);
	}
	struct chron_entry ce = {.occurred_at = occurred_at,
	                         .occurred_at_set = true,
	                         .author_id = uc_user_id(u) ? uc_user_id(u) : "system",
	                         .people = names,
	                         .n_people = n,
	                         .nature = nature,
	                         .text = text};
	struct proto_err pe;
	if (recording_chron_validate(&ce, u->now, &pe) < 0)
		return uc_proto_refused(u, &pe);
	char id[ID_MAX];
	id_new("ent", id);
	char *people_s = json_dumps(people, JSON_COMPACT);
	struct store_entry_new row = {.id = id,
	                              .record_id = record_id,
	                              .occurred_at = occurred_at,
	                              .recorded_at = u->now,
	                              .author_id = uc_user_id(u),
	                              .author_name = u->who->display_name,
	                              .agency_id = u->who->agency_id[0] ? u->who->agency_id : NULL,
	                              .people_involved = people_s ? people_s : "[]",
	                              .nature = nature == REC_OPINION ? "opinion" : "fact",
	                              .kind = kind,
	                              .text = text,
	                              .supersedes_id = supersedes,
	                              .referral_id = referral_id};
	int rc = store_entry_insert(u->db, &row);
	free(people_s);
	if (rc != DB_OK)
		return uc_db(u, rc);
	if (id_out)
		snprintf(id_out, ID_MAX, "%s", id);
	return APP_OK;
}
