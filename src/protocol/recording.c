/* recording.c: the single record, its chronology and references (see recording.h). */
#include "protocol/recording.h"

#include <ctype.h>
#include <string.h>

#include "protocol/reference.h"

/* R-REC-1 */
void recording_match_decide(const struct rec_candidate *c, size_t n, struct rec_match_result *out)
{
	const char *certain = NULL;
	bool several_certain = false;
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].record_id || !c[i].record_id[0])
			continue;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			if (c[j].record_id && strcmp(c[j].record_id, c[i].record_id) == 0)
				seen = true;
		if (!seen)
			distinct++;
		if (c[i].strength == MATCH_CERTAIN) {
			if (certain && strcmp(certain, c[i].record_id) != 0)
				several_certain = true;
			certain = c[i].record_id;
		}
	}
	*out = (struct rec_match_result){REC_CREATE_NEW, NULL, distinct, NULL};
	if (distinct == 0) {
		out->text = "No existing record found: create the child's record.";
	} else if (certain && !several_certain && distinct == 1) {
		out->decision = REC_UPDATE_EXISTING;
		out->record_id = certain;
		out->text = "The child already has a record: this concern is added to it.";
	} else {
		out->decision = REC_ASK_USER;
		out->text = several_certain
		                    ? "More than one existing record matches this child: choose "
		                      "the record to update and report the duplicate."
		                    : "Possible existing records found: choose the child's record, "
		                      "or confirm that none of them is this child.";
	}
}

/* R-REC-3 */
int recording_chron_validate(const struct chron_entry *e, int64_t now, struct proto_err *err)
{
	if (!e->occurred_at_set)
		return proto_fail(err, "R-REC-3", "occurred_at",
		                  "A chronology entry needs the date and time of what it records "
		                  "(R-REC-3).");
	if (e->occurred_at > now + REC_CLOCK_SKEW)
		return proto_fail(err, "R-REC-3", "occurred_at",
		                  "A chronology entry cannot be dated in the future (R-REC-3).");
	if (proto_name_check(e->author_id, PROTO_NAME_MAX, true, "R-REC-3", "author_id",
	                     "The person recording the entry", err))
		return -1;
	if (e->n_people == 0 || !e->people)
		return proto_fail(err, "R-REC-3", "people",
		                  "A chronology entry must name who was involved (R-REC-3).");
	for (size_t i = 0; i < e->n_people; i++)
		if (proto_name_check(e->people[i], PROTO_NAME_MAX, true, "R-REC-3", "people",
		                     "A person involved", err))
			return -1;
	if (e->nature != REC_FACT && e->nature != REC_OPINION)
		return proto_fail(err, "R-REC-3", "nature",
		                  "Mark the entry as fact or professional opinion (R-REC-3).");
	return proto_text_check(e->text, PROTO_TEXT_MAX, true, "R-REC-3", "text",
	                        "The chronology entry", err);
}

const char *recording_ext_ref_code(enum ext_ref_kind kind)
{
	switch (kind) {
	case EXT_CRIME_NUMBER:
		return "crime_number";
	case EXT_NON_CRIME_NUMBER:
		return "non_crime_number";
	case EXT_MERLIN_PAC:
		return "merlin_pac";
	case EXT_CSC_CASE:
		return "csc_case";
	}
	return NULL;
}

static const char *ext_ref_name(enum ext_ref_kind kind)
{
	switch (kind) {
	case EXT_CRIME_NUMBER:
		return "crime record number";
	case EXT_NON_CRIME_NUMBER:
		return "non-crime record number";
	case EXT_MERLIN_PAC:
		return "MERLIN/PAC number";
	case EXT_CSC_CASE:
		return "social care case number";
	}
	return "reference";
}

/* R-REC-4 */
int recording_ext_ref_validate(enum ext_ref_kind kind, const char *value, struct proto_err *err)
{
	const char *name = ext_ref_name(kind);
	if (!recording_ext_ref_code(kind))
		return proto_fail(err, "R-REC-4", "kind", "Unknown kind of reference (R-REC-4).");
	if (proto_blank(value))
		return proto_fail(err, "R-REC-4", "value", "The %s is missing (R-REC-4).", name);
	size_t n = strlen(value);
	if (n < 3 || n > EXT_REF_MAX)
		return proto_fail(err, "R-REC-4", "value", "A %s has 3 to %d characters (R-REC-4).",
		                  name, EXT_REF_MAX);
	bool digit = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)value[i];
		if (isdigit(ch))
			digit = true;
		bool ok = (ch < 0x80 && isalnum(ch)) || ch == '/' || ch == '-' || ch == '.' ||
		          ch == ' ';
		if (!ok)
			return proto_fail(err, "R-REC-4", "value",
			                  "A %s may contain only letters, digits, '/', '-', '.' "
			                  "and spaces (R-REC-4).",
			                  name);
		if (ch == ' ' && i > 0 && value[i - 1] == ' ')
			return proto_fail(err, "R-REC-4", "value",
			                  "The %s has repeated spaces (R-REC-4).", name);
	}
	if (!isalnum((unsigned char)value[0]) || !isalnum((unsigned char)value[n - 1]))
		return proto_fail(err, "R-REC-4", "value",
		                  "A %s starts and ends with a letter or digit (R-REC-4).", name);
	if (!digit)
		return proto_fail(err, "R-REC-4", "value",
		                  "A %s contains at least one digit (R-REC-4).", name);
	return 0;
}

/* R-REC-5 */
void recording_crime_allegation(bool crime_reference_exists, struct crime_allegation_plan *out)
{
	out->create_crime_reference = !crime_reference_exists;
	out->link_crime_reference = true;
	out->create_record = false;
	out->es_on_crime_report = true;
}

/* R-REC-6 */
int recording_supersede_validate(const struct rec_entry_info *target, const char *record_id,
                                 const char *correction_text, struct proto_err *err)
{
	if (!target || proto_blank(target->entry_id))
		return proto_fail(err, "R-REC-6", "supersedes",
		                  "The entry to correct does not exist (R-REC-6).");
	if (!record_id || !target->record_id || strcmp(target->record_id, record_id) != 0)
		return proto_fail(err, "R-REC-6", "supersedes",
		                  "A correction must be made on the same record as the entry it "
		                  "corrects (R-REC-6).");
	if (target->superseded)
		return proto_fail(err, "R-REC-6", "supersedes",
		                  "This entry has already been corrected; correct the latest "
		                  "version instead (R-REC-6).");
	return proto_text_check(correction_text, PROTO_TEXT_MAX, true, "R-REC-6", "text",
	                        "The correction", err);
}

/* Whether a and b are the same text once runs of white space count as one space and
 * white space at either end is ignored. */
static bool same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a && isspace((unsigned char)*a))
			a++;
		while (*b && isspace((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		while (*a && *b && !isspace((unsigned char)*a) && !isspace((unsigned char)*b)) {
			if (*a != *b)
				return false;
			a++;
			b++;
		}
		/* a word must end in both at once */
		if ((*a && !isspace((unsigned char)*a)) || (*b && !isspace((unsigned char)*b)))
			return false;
	}
}

/* R-REC-6 */
int recording_correction_validate(const char *original_text, const char *correction_text,
                                  const char *reason, struct proto_err *err)
{
	if (proto_text_check(reason, PROTO_SHORT_MAX, true, "R-REC-6", "reason",
	                     "The reason for the correction", err) < 0)
		return -1;
	if (original_text && correction_text && same_words(original_text, correction_text))
		return proto_fail(
		        err, "R-REC-6", "text",
		        "The correction is the same as the entry it corrects: change what "
		        "needs correcting (R-REC-6).");
	return 0;
}

/* R-REC-1 */
bool recording_may_merge(uint32_t roles)
{
	return (roles & (ROLE_BIT(ROLE_MASH_WORKER) | ROLE_BIT(ROLE_CSC_MANAGER) |
	                 ROLE_BIT(ROLE_POLICE_SUPERVISOR))) != 0;
}

/* R-REC-1 */
int recording_merge_validate(const char *surviving, const char *merged, const char *reason,
                             struct proto_err *err)
{
	if (surviving && merged && strcmp(surviving, merged) == 0)
		return proto_fail(err, "R-REC-1", "merged_child_id",
		                  "A child cannot be merged into itself (R-REC-1).");
	return proto_text_check(reason, PROTO_SHORT_MAX, true, "R-REC-1", "reason",
	                        "The reason for the merge", err);
}

/* R-REC-6 */
bool recording_delete_allowed(void)
{
	return false;
}
