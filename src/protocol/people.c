/*
 * people.c: the rules about persons of concern, places, vehicles, phones and the links
 * between them and children (see people.h).
 */
#include "protocol/people.h"

#include <ctype.h>

#include "util/parse.h"

/* ---- ends and kinds of link ---- */

static const struct {
	const char *code, *prefix;
} ENDS[PEOPLE_END_N] = {
        [PEOPLE_CHILD] = {"child", "ch"},  [PEOPLE_PERSON] = {"person", "poc"},
        [PEOPLE_PLACE] = {"place", "plc"}, [PEOPLE_VEHICLE] = {"vehicle", "veh"},
        [PEOPLE_PHONE] = {"phone", "tel"}, [PEOPLE_EPISODE] = {"episode", "mep"},
};

const char *people_end_code(enum people_end e)
{
	return (unsigned)e < PEOPLE_END_N ? ENDS[e].code : NULL;
}

const char *people_end_prefix(enum people_end e)
{
	return (unsigned)e < PEOPLE_END_N ? ENDS[e].prefix : NULL;
}

int people_end_of_id(const char *id)
{
	if (!id)
		return -1;
	for (int e = 0; e < PEOPLE_END_N; e++) {
		size_t n = strlen(ENDS[e].prefix);
		if (strncmp(id, ENDS[e].prefix, n) == 0 && id[n] == '_')
			return e;
	}
	return -1;
}

int people_end_from_code(const char *code)
{
	for (int e = 0; code && e < PEOPLE_END_N; e++)
		if (strcmp(code, ENDS[e].code) == 0)
			return e;
	return -1;
}

#define B(e) (1u << (unsigned)(PEOPLE_##e))

/* Which ends each kind joins (see people.h for the table in words). */
static const struct {
	const char *code, *words;
	unsigned from, to;
	bool symmetric;
} KINDS[PEOPLE_LINK_N] = {
        [PEOPLE_ASSOCIATE] = {"associate", "associate of", B(CHILD) | B(PERSON),
                              B(CHILD) | B(PERSON), true},
        [PEOPLE_SEEN_WITH] = {"seen_with", "seen with", B(CHILD) | B(PERSON) | B(EPISODE),
                              B(CHILD) | B(PERSON) | B(VEHICLE), true},
        [PEOPLE_FOUND_AT] = {"found_at", "found at", B(CHILD) | B(PERSON) | B(EPISODE), B(PLACE),
                             false},
        [PEOPLE_USES] = {"uses", "uses", B(CHILD) | B(PERSON), B(PHONE) | B(VEHICLE) | B(PLACE),
                         false},
        [PEOPLE_REGISTERED_KEEPER] = {"registered_keeper", "registered keeper of",
                                      B(PERSON) | B(PLACE), B(VEHICLE) | B(PHONE), false},
        [PEOPLE_MEMBER_OF] = {"member_of", "member of", B(CHILD) | B(PERSON), B(PERSON) | B(PLACE),
                              false},
        [PEOPLE_VISITED] = {"visited", "visited", B(CHILD) | B(PERSON) | B(EPISODE) | B(VEHICLE),
                            B(PLACE), false},
        [PEOPLE_TRANSPORTED] = {"transported", "transported", B(PERSON) | B(VEHICLE) | B(PLACE),
                                B(CHILD) | B(EPISODE) | B(PERSON), false},
};

const char *people_link_code(enum people_link k)
{
	return (unsigned)k < PEOPLE_LINK_N ? KINDS[k].code : NULL;
}

const char *people_link_words(enum people_link k)
{
	return (unsigned)k < PEOPLE_LINK_N ? KINDS[k].words : NULL;
}

int people_link_from_code(const char *code)
{
	for (int k = 0; code && k < PEOPLE_LINK_N; k++)
		if (strcmp(code, KINDS[k].code) == 0)
			return k;
	return -1;
}

bool people_link_symmetric(enum people_link k)
{
	return (unsigned)k < PEOPLE_LINK_N && KINDS[k].symmetric;
}

int people_link_fits(enum people_link k, enum people_end from, enum people_end to)
{
	if ((unsigned)k >= PEOPLE_LINK_N || (unsigned)from >= PEOPLE_END_N ||
	    (unsigned)to >= PEOPLE_END_N)
		return -1;
	unsigned f = 1u << (unsigned)from, t = 1u << (unsigned)to;
	if ((KINDS[k].from & f) && (KINDS[k].to & t))
		return 0;
	if ((KINDS[k].from & t) && (KINDS[k].to & f))
		return 1;
	return -1;
}

/* Whether one end is a child and the other a missing episode of that same child. */
static bool child_and_own_episode(const struct people_link_in *l)
{
	bool pair = (l->from == PEOPLE_CHILD && l->to == PEOPLE_EPISODE) ||
	            (l->from == PEOPLE_EPISODE && l->to == PEOPLE_CHILD);
	return pair && l->from_child && l->to_child && strcmp(l->from_child, l->to_child) == 0;
}

int people_link_validate(const struct people_link_in *l, struct proto_err *err)
{
	if (l->kind < 0 || l->kind >= PEOPLE_LINK_N)
		return proto_fail(err, "R-LOC-1", "kind",
		                  "Choose the kind of link: associate, seen with, found at, uses, "
		                  "registered keeper, member of, visited or transported.");
	if (l->from_id && l->to_id && strcmp(l->from_id, l->to_id) == 0)
		return proto_fail(err, "R-LOC-1", "to",
		                  "A link joins two different things: this one joins something to "
		                  "itself.");
	if (child_and_own_episode(l))
		return proto_fail(err, "R-LOC-1", "to",
		                  "A child's own missing episodes are already theirs: link the "
		                  "episode to someone or somewhere else.");
	int fit = people_link_fits((enum people_link)l->kind, l->from, l->to);
	const char *fc = people_end_code(l->from), *tc = people_end_code(l->to);
	if (fit < 0)
		return proto_fail(err, "R-LOC-1", "kind", "A '%s' link cannot join a %s and a %s.",
		                  KINDS[l->kind].words, fc ? fc : "thing", tc ? tc : "thing");
	return fit;
}

/* ---- grading ---- */

const char *people_nature_code(enum people_nature n)
{
	return n == PEOPLE_FACT ? "fact" : n == PEOPLE_INTELLIGENCE ? "intelligence" : NULL;
}

enum people_nature people_nature_from_code(const char *code)
{
	if (code && strcmp(code, "fact") == 0)
		return PEOPLE_FACT;
	if (code && strcmp(code, "intelligence") == 0)
		return PEOPLE_INTELLIGENCE;
	return PEOPLE_NATURE_UNSET;
}

#define GRADING_TEXT_MAX 16

int people_grading_parse(const char *text, struct people_grading *g)
{
	if (!text || !g)
		return -1;
	char codes[3];
	int n = 0;
	size_t len = 0;
	for (const char *p = text; *p; p++, len++) {
		unsigned char c = (unsigned char)*p;
		if (len >= GRADING_TEXT_MAX)
			return -1;
		if (strchr(" /-.,", c))
			continue;
		if (n >= 3)
			return -1;
		bool want_digit = n == 0;
		if (want_digit ? !isdigit(c) : !isalpha(c))
			return -1;
		codes[n++] = (char)toupper(c);
	}
	if (n != 3)
		return -1;
	g->source_eval = codes[0];
	g->assessment = codes[1];
	g->handling = codes[2];
	return 0;
}

int people_grading_validate(const struct people_grading *g, const char *field,
                            struct proto_err *err)
{
	bool any = g->source_eval || g->assessment || g->handling;
	if (g->nature == PEOPLE_NATURE_UNSET)
		return proto_fail(err, "R-POI-1", "nature",
		                  "Say whether this is a fact or intelligence (R-POI-1).");
	if (g->nature == PEOPLE_FACT) {
		if (any || g->conditions)
			return proto_fail(
			        err, "R-POI-1", field,
			        "A fact is not graded: record it as intelligence to grade "
			        "it (R-POI-1).");
		return 0;
	}
	if (!any)
		return proto_fail(err, "R-POI-1", field,
		                  "Grade the intelligence: source evaluation 1-3, intelligence "
		                  "assessment A-E and handling code P or C, e.g. 2/B/P (R-POI-1).");
	if (g->source_eval < '1' || g->source_eval > '3')
		return proto_fail(err, "R-POI-1", field,
		                  "The source evaluation is 1 (reliable), 2 (untested) or 3 (not "
		                  "reliable) (R-POI-1).");
	if (g->assessment < 'A' || g->assessment > 'E')
		return proto_fail(err, "R-POI-1", field,
		                  "The intelligence assessment is a letter from A to E (R-POI-1).");
	if (g->handling != 'P' && g->handling != 'C')
		return proto_fail(err, "R-POI-1", field,
		                  "The handling code is P (sharing permitted) or C (sharing "
		                  "permitted with conditions) (R-POI-1).");
	if (g->handling == 'C' && proto_blank(g->conditions))
		return proto_fail(err, "R-POI-1", "handling_conditions",
		                  "Handling code C needs the conditions of sharing (R-POI-1).");
	if (g->handling == 'P' && g->conditions)
		return proto_fail(err, "R-POI-1", "handling_conditions",
		                  "Conditions of sharing go with handling code C, not P "
		                  "(R-POI-1).");
	return proto_text_check(g->conditions, PEOPLE_CONDITIONS_MAX, false, "R-POI-1",
	                        "handling_conditions", "The conditions of sharing", err);
}

void people_grading_format(const struct people_grading *g, char out[PEOPLE_GRADING_LEN])
{
	out[0] = '\0';
	if (g->nature == PEOPLE_INTELLIGENCE && g->source_eval && g->assessment && g->handling)
		snprintf(out, PEOPLE_GRADING_LEN, "%c/%c/%c", g->source_eval, g->assessment,
		         g->handling);
}

/* ---- date ranges ---- */

/* A date field: absent (0), a date not after today (1), or refused (-1). */
static int date_field(const char *s, struct lt_date today, const char *field, const char *what,
                      struct lt_date *out, struct proto_err *err)
{
	if (!s || !*s)
		return 0;
	if (ltime_parse_date(s, out) < 0)
		return proto_fail(err, "R-LOC-1", field,
		                  "%s must be a real date written YYYY-MM-DD.", what);
	if (ltime_date_cmp(*out, today) > 0)
		return proto_fail(err, "R-LOC-1", field, "%s is in the future.", what);
	return 1;
}

int people_dates_validate(const char *from, const char *to, struct lt_date today,
                          const char *from_field, const char *to_field, struct proto_err *err)
{
	struct lt_date a, b;
	int ha = date_field(from, today, from_field, "The start date", &a, err);
	if (ha < 0)
		return -1;
	int hb = date_field(to, today, to_field, "The end date", &b, err);
	if (hb < 0)
		return -1;
	if (ha && hb && ltime_date_cmp(b, a) < 0)
		return proto_fail(err, "R-LOC-1", to_field,
		                  "The end date is before the start date.");
	return 0;
}

/* ---- dates of birth ---- */

int people_dob_validate(const struct people_dob *d, struct lt_date today, const char *field,
                        struct proto_err *err)
{
	switch (d->kind) {
	case PEOPLE_DOB_EXACT:
		if (!ltime_date_valid(d->date))
			return proto_fail(err, "R-POI-1", field,
			                  "The date of birth must be a real date.");
		if (ltime_date_cmp(d->date, today) > 0)
			return proto_fail(err, "R-POI-1", field,
			                  "The date of birth is in the future.");
		return 0;
	case PEOPLE_DOB_YEAR:
		if (d->year < 1900 || d->year > today.y)
			return proto_fail(err, "R-POI-1", field,
			                  "The year of birth must be from 1900 to %d.", today.y);
		return 0;
	case PEOPLE_DOB_AGE_RANGE:
		if (d->age_min < 0 || d->age_max > PEOPLE_AGE_MAX || d->age_min > d->age_max)
			return proto_fail(
			        err, "R-POI-1", field,
			        "Give the age range as two ages from 0 to %d, the smaller "
			        "first.",
			        PEOPLE_AGE_MAX);
		if (d->age_max - d->age_min > PEOPLE_AGE_SPAN_MAX)
			return proto_fail(err, "R-POI-1", field,
			                  "An age range is at most %d years wide.",
			                  PEOPLE_AGE_SPAN_MAX);
		if (!ltime_date_valid(d->on) || ltime_date_cmp(d->on, today) > 0)
			return proto_fail(
			        err, "R-POI-1", field,
			        "The day the age was given for must be a real date, not in "
			        "the future.");
		return 0;
	}
	return proto_fail(err, "R-POI-1", field, "Give a date of birth, a year or an age range.");
}

void people_dob_years(const struct people_dob *d, int *ymin, int *ymax)
{
	switch (d->kind) {
	case PEOPLE_DOB_EXACT:
		*ymin = *ymax = d->date.y;
		return;
	case PEOPLE_DOB_YEAR:
		*ymin = *ymax = d->year;
		return;
	case PEOPLE_DOB_AGE_RANGE:
		/* aged age_max on `on` at the oldest: born the year before on.y - age_max at
		 * the earliest; aged age_min at the youngest: born in on.y - age_min */
		*ymin = d->on.y - d->age_max - 1;
		*ymax = d->on.y - d->age_min;
		return;
	}
	*ymin = *ymax = 0;
}

bool people_dob_fits(const struct people_dob *d, struct lt_date born)
{
	if (!ltime_date_valid(born))
		return false;
	switch (d->kind) {
	case PEOPLE_DOB_EXACT:
		return ltime_date_cmp(d->date, born) == 0;
	case PEOPLE_DOB_YEAR:
		return born.y == d->year;
	case PEOPLE_DOB_AGE_RANGE: {
		int age = ltime_age_on(born, d->on);
		return age >= d->age_min && age <= d->age_max;
	}
	}
	return false;
}

void people_dob_describe(const struct people_dob *d, char *out, size_t n)
{
	char a[LT_DATE_LEN];
	switch (d->kind) {
	case PEOPLE_DOB_EXACT:
		ltime_format_date(d->date, a);
		snprintf(out, n, "%s", a);
		return;
	case PEOPLE_DOB_YEAR:
		snprintf(out, n, "born in %d", d->year);
		return;
	case PEOPLE_DOB_AGE_RANGE:
		ltime_format_date(d->on, a);
		if (d->age_min == d->age_max)
			snprintf(out, n, "aged %d on %s", d->age_min, a);
		else
			snprintf(out, n, "aged %d to %d on %s", d->age_min, d->age_max, a);
		return;
	}
	snprintf(out, n, "unknown");
}

/* ---- persons of concern ---- */

static const char *const ITEMS[PEOPLE_ITEM_N] = {
        [PEOPLE_ITEM_NAME] = "name",
        [PEOPLE_ITEM_ALIAS] = "alias",
        [PEOPLE_ITEM_STREET_NAME] = "street_name",
        [PEOPLE_ITEM_NICKNAME] = "nickname",
        [PEOPLE_ITEM_DOB] = "date_of_birth",
        [PEOPLE_ITEM_ADDRESS] = "address",
        [PEOPLE_ITEM_SOCIAL_MEDIA] = "social_media",
        [PEOPLE_ITEM_GROUP] = "group",
};

const char *people_item_code(enum people_item k)
{
	return (unsigned)k < PEOPLE_ITEM_N ? ITEMS[k] : NULL;
}

int people_item_from_code(const char *code)
{
	for (int k = 0; code && k < PEOPLE_ITEM_N; k++)
		if (strcmp(code, ITEMS[k]) == 0)
			return k;
	return -1;
}

bool people_item_is_name(enum people_item k)
{
	return k == PEOPLE_ITEM_NAME || k == PEOPLE_ITEM_ALIAS || k == PEOPLE_ITEM_STREET_NAME ||
	       k == PEOPLE_ITEM_NICKNAME;
}

int people_item_validate(enum people_item k, const char *value, const char *source,
                         struct proto_err *err)
{
	if ((unsigned)k >= PEOPLE_ITEM_N)
		return proto_fail(
		        err, "R-POI-1", "kind",
		        "Unknown kind of item: a name, alias, street name, nickname, date "
		        "of birth, address, social media handle or group.");
	/* names are identifiers (no wording check); the rest is checked like other text */
	int rc = people_item_is_name(k) ? proto_name_check(value, PEOPLE_VALUE_MAX, true, "R-POI-1",
	                                                   "value", "The name", err)
	                                : proto_text_check(value, PEOPLE_VALUE_MAX, true, "R-POI-1",
	                                                   "value", "The value", err);
	if (rc < 0)
		return -1;
	if (value && strchr(value, '\n'))
		return proto_fail(err, "R-POI-1", "value", "The value must be on one line.");
	return proto_name_check(source, PEOPLE_SOURCE_MAX, true, "R-POI-1", "source", "The source",
	                        err);
}

static const char *const GENDERS[] = {"female", "male", "other", "unknown", NULL};

int people_person_validate(const struct people_person_facts *p, struct proto_err *err)
{
	if (p->n_names == 0)
		return proto_fail(err, "R-POI-1", "names",
		                  "Record at least one name, alias, street name or nickname the "
		                  "person is known by (R-POI-1).");
	if (p->gender) {
		bool ok = false;
		for (const char *const *g = GENDERS; *g && !ok; g++)
			ok = strcmp(*g, p->gender) == 0;
		if (!ok)
			return proto_fail(err, "R-POI-1", "gender",
			                  "Gender must be female, male, other or unknown.");
	}
	return proto_text_check(p->description, PEOPLE_DESCRIPTION_MAX, false, "R-POI-1",
	                        "description", "The description", err);
}

int people_restricted_validate(bool restricted, bool police_entitled, bool system,
                               const char *field, struct proto_err *err)
{
	if (restricted && !police_entitled && !system)
		return proto_fail(err, "R-INFO-3", field,
		                  "Only entitled police officers can record restricted "
		                  "intelligence (R-INFO-3).");
	return 0;
}

/* ---- R-POI-2 ---- */

const char *people_pnc_code(enum people_pnc s)
{
	return s == PEOPLE_PNC_DONE ? "done" : "not_done";
}

int people_pnc_validate(const char *status, const char *note, bool police_entitled, bool system,
                        struct proto_err *err)
{
	if (!police_entitled && !system)
		return proto_fail(
		        err, "R-POI-2", NULL,
		        "Only police officers record PNC locate/trace markers (R-POI-2).");
	int s = -1;
	if (status && strcmp(status, "done") == 0)
		s = PEOPLE_PNC_DONE;
	else if (status && strcmp(status, "not_done") == 0)
		s = PEOPLE_PNC_NOT_DONE;
	if (s < 0)
		return proto_fail(err, "R-POI-2", "status",
		                  "Say whether the PNC locate/trace marker is done or not done "
		                  "(R-POI-2).");
	if (proto_text_check(note, PROTO_SHORT_MAX, false, "R-POI-2", "note", "The note", err) < 0)
		return -1;
	return s;
}

/* ---- places ---- */

static const struct {
	const char *code, *words;
} PLACE_TYPES[PEOPLE_PLACE_TYPE_N] = {
        [PEOPLE_PLACE_HOTEL] = {"hotel", "hotel"},
        [PEOPLE_PLACE_B_AND_B] = {"b_and_b", "B&B"},
        [PEOPLE_PLACE_TAKEAWAY] = {"takeaway", "takeaway"},
        [PEOPLE_PLACE_TAXI_FIRM] = {"taxi_firm", "taxi firm"},
        [PEOPLE_PLACE_SHOP] = {"shop", "shop"},
        [PEOPLE_PLACE_PARK] = {"park", "park"},
        [PEOPLE_PLACE_SCHOOL] = {"school", "school"},
        [PEOPLE_PLACE_CHILDRENS_HOME] = {"childrens_home", "children's home"},
        [PEOPLE_PLACE_HOSTEL] = {"hostel", "hostel"},
        [PEOPLE_PLACE_PRIVATE_ADDRESS] = {"private_address", "private address"},
        [PEOPLE_PLACE_ONLINE_PLATFORM] = {"online_platform", "online platform"},
        [PEOPLE_PLACE_OTHER] = {"other", "other place"},
};

const char *people_place_type_code(enum people_place_type t)
{
	return (unsigned)t < PEOPLE_PLACE_TYPE_N ? PLACE_TYPES[t].code : NULL;
}

const char *people_place_type_words(enum people_place_type t)
{
	return (unsigned)t < PEOPLE_PLACE_TYPE_N ? PLACE_TYPES[t].words : NULL;
}

int people_place_type_from_code(const char *code)
{
	for (int t = 0; code && t < PEOPLE_PLACE_TYPE_N; t++)
		if (strcmp(code, PLACE_TYPES[t].code) == 0)
			return t;
	return -1;
}

int people_place_validate(const char *type, const char *name, const char *address,
                          const char *notes, struct proto_err *err)
{
	int t = people_place_type_from_code(type);
	if (t < 0)
		return proto_fail(
		        err, "R-LOC-1", "type",
		        "Choose the type of place: hotel, B&B, takeaway, taxi firm, shop, "
		        "park, school, children's home, hostel, private address, online "
		        "platform or other (R-LOC-1).");
	if (proto_name_check(name, PEOPLE_PLACE_NAME_MAX, false, "R-LOC-1", "name", "The name",
	                     err) < 0 ||
	    proto_name_check(address, PEOPLE_ADDRESS_MAX, false, "R-LOC-1", "address",
	                     "The address", err) < 0)
		return -1;
	if (t == PEOPLE_PLACE_PRIVATE_ADDRESS && proto_blank(address))
		return proto_fail(err, "R-LOC-1", "address",
		                  "A private address needs its address.");
	if (t == PEOPLE_PLACE_ONLINE_PLATFORM && proto_blank(name))
		return proto_fail(err, "R-LOC-1", "name",
		                  "Name the online platform (and the group or channel, if known).");
	if (proto_blank(name) && proto_blank(address))
		return proto_fail(err, "R-LOC-1", "name", "Give the place's name or its address.");
	return proto_text_check(notes, PEOPLE_NOTES_MAX, false, "R-LOC-1", "notes", "The notes",
	                        err);
}

bool people_hotspot_suggested(int64_t children, int64_t episodes)
{
	return children >= PEOPLE_HOTSPOT_CHILDREN || episodes >= PEOPLE_HOTSPOT_EPISODES;
}

bool people_may_mark_hotspot(uint32_t roles, bool police_entitled, bool system)
{
	return system || police_entitled || (roles & ACCESS_ROLES_PARTNERSHIP_WIDE);
}

int people_hotspot_validate(const char *rationale, uint32_t roles, bool police_entitled,
                            bool system, struct proto_err *err)
{
	if (!people_may_mark_hotspot(roles, police_entitled, system))
		return proto_fail(err, "R-LOC-1", NULL,
		                  "Only police, the MASH, the assessment team, managers, analysts "
		                  "and MASE chairs mark hotspots (R-LOC-1).");
	if (proto_blank(rationale))
		return proto_fail(err, "R-LOC-1", "rationale",
		                  "Give the rationale for the decision (R-LOC-1).");
	if (proto_text_check(rationale, PROTO_SHORT_MAX, true, "R-LOC-1", "rationale",
	                     "The rationale", err) < 0)
		return -1;
	if (utf8_length(rationale) < PEOPLE_RATIONALE_MIN)
		return proto_fail(err, "R-LOC-1", "rationale",
		                  "Give a real rationale (at least %d characters).",
		                  PEOPLE_RATIONALE_MIN);
	return 0;
}

/* ---- who sees what ---- */

bool people_sees_all(enum access_scope scope, bool police_entitled, bool system)
{
	return system || scope == ACCESS_ALL || police_entitled;
}

bool people_entity_visible(const struct people_sight *s)
{
	if (s->system)
		return true;
	if (s->restricted && !s->police_entitled)
		return false;
	if (people_sees_all(s->scope, s->police_entitled, false))
		return true;
	return s->scope == ACCESS_MEMBERSHIP && (s->own_agency || s->linked_to_child);
}

bool people_identifier_visible(enum access_scope scope, bool system)
{
	return system || scope != ACCESS_NONE;
}

bool people_restricted_visible(bool restricted, bool police_entitled, bool system)
{
	return !restricted || police_entitled || system;
}

bool people_link_visible(bool restricted, bool police_entitled, bool system, bool sees_from,
                         bool sees_to)
{
	return sees_from && sees_to &&
	       people_restricted_visible(restricted, police_entitled, system);
}
