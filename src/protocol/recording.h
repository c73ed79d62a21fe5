/*
 * recording.h: how the child's single record is kept (R-REC-1..6): the decision to
 * update, ask or create when a concern arrives; chronology entries; references to other
 * systems; crime allegations; corrections that supersede and never delete.
 */
#ifndef LANTERN_PROTO_RECORDING_H
#define LANTERN_PROTO_RECORDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/proto.h"

/* R-REC-1: candidate records found by the matcher for the child of a new concern. */
enum match_strength { MATCH_POSSIBLE, MATCH_CERTAIN };
struct rec_candidate {
	const char *record_id;
	enum match_strength strength;
};
enum rec_match_decision {
	REC_CREATE_NEW,      /* no candidate: create the child's record */
	REC_UPDATE_EXISTING, /* one certain record: add to its chronology */
	REC_ASK_USER,        /* possible matches, or several certain ones: the user chooses */
};
struct rec_match_result {
	enum rec_match_decision decision;
	const char *record_id; /* REC_UPDATE_EXISTING: the record to update; else NULL */
	size_t n_candidates;   /* distinct records to show when asking */
	const char *text;
};
/* R-REC-1. One certain match (possible matches of the same record don't matter) ->
 * update it; any other candidate -> ask the user; none -> create. Never creates a
 * record while a candidate exists. Candidates with a NULL or empty id are ignored. */
void recording_match_decide(const struct rec_candidate *c, size_t n, struct rec_match_result *out);

/* R-REC-3: a chronology entry. */
enum rec_nature { REC_NATURE_UNSET, REC_FACT, REC_OPINION };
struct chron_entry {
	int64_t occurred_at;       /* date and time of what is recorded (UTC seconds) */
	bool occurred_at_set;      /* false: not given */
	const char *author_id;     /* who recorded it */
	const char *const *people; /* who was involved: at least one */
	size_t n_people;
	enum rec_nature nature; /* fact or professional opinion */
	const char *text;       /* at most PROTO_TEXT_MAX, wording checked */
};
/* R-REC-3. `now` bounds occurred_at (not in the future; a 5-minute allowance covers
 * clock differences between devices). */
int recording_chron_validate(const struct chron_entry *e, int64_t now, struct proto_err *err);
#define REC_CLOCK_SKEW 300

/* R-REC-4: references to other systems. */
enum ext_ref_kind {
	EXT_CRIME_NUMBER,     /* police crime record number */
	EXT_NON_CRIME_NUMBER, /* police non-crime (587/00) record number */
	EXT_MERLIN_PAC,       /* MERLIN/PAC number */
	EXT_CSC_CASE,         /* children's social care case number */
};
#define EXT_REF_MAX 40
/* R-REC-4. 3..EXT_REF_MAX printable ASCII characters: letters, digits and / - . space,
 * at least one digit, starting and ending with a letter or digit, no double spaces. */
int recording_ext_ref_validate(enum ext_ref_kind kind, const char *value, struct proto_err *err);
const char *recording_ext_ref_code(enum ext_ref_kind kind); /* "crime_number", ... */

/* R-REC-5: what a crime allegation does to the record. */
struct crime_allegation_plan {
	bool create_crime_reference; /* no crime reference yet: create one */
	bool link_crime_reference;   /* link it (new or existing) to the child's record */
	bool create_record;          /* always false: the non-crime record stays the record */
	bool es_on_crime_report;     /* R-FLAG-1 */
};
void recording_crime_allegation(bool crime_reference_exists, struct crime_allegation_plan *out);

/* R-REC-6: a correction. `target` describes the entry being corrected, or is NULL
 * when no such entry exists. */
struct rec_entry_info {
	const char *entry_id;
	const char *record_id;
	bool superseded; /* already corrected by a later entry */
};
/* R-REC-6. The target exists, belongs to `record_id` and is not already superseded
 * (correct the newest version instead). The correction text is required, capped and
 * wording checked. Nothing is deleted: the caller keeps the old entry visible. */
int recording_supersede_validate(const struct rec_entry_info *target, const char *record_id,
                                 const char *correction_text, struct proto_err *err);
/* R-REC-6: a correction says why it was made (reason: required, capped, wording checked)
 * and changes the entry: its text differs from the original's once white space is
 * ignored. */
int recording_correction_validate(const char *original_text, const char *correction_text,
                                  const char *reason, struct proto_err *err);

/* R-REC-1: Lantern never merges children by itself; a person who has found two children
 * to be the same child merges them: a MASH worker, a CSC manager or a police supervisor
 * (roles: a ROLE_BIT mask). */
bool recording_may_merge(uint32_t roles);
/* R-REC-1: a merge (or its undoing) of `merged` into `surviving` (child ids; for an undo
 * pass NULL ids) says why (reason: required, capped, wording checked) and names two
 * different children. */
int recording_merge_validate(const char *surviving, const char *merged, const char *reason,
                             struct proto_err *err);

/* R-REC-6. Deleting in normal use is never allowed: always false. */
bool recording_delete_allowed(void);

#endif
