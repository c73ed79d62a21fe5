/*
 * model_default.c: the built-in matching model (link/model.h), written by
 * `bench_link train` from the synthetic generator in bench/link. Do not edit by
 * hand: rerun the command (see bench/link/README.md).
 */
#include "link/model.h"

/* clang-format off */
const char link_model_default_json[] =
	"{\"format\": \"lantern-match-model/1\", \"trained_on\": \"\", \"recor"
	"ds\": 100000, \"match_rate\": 0.5, \"bands\": {\"likely_weight\": 1"
	"0.0, \"possible_weight\": 0.0}, \"comparisons\": [{\"name\": \"give"
	"n_name\", \"levels\": [{\"name\": \"exact\", \"m\": 0.8, \"u\": 0.01}, "
	"{\"name\": \"short_form\", \"m\": 0.05, \"u\": 0.002}, {\"name\": \"spe"
	"lling_variant\", \"m\": 0.03, \"u\": 0.001}, {\"name\": \"sounds_ali"
	"ke\", \"m\": 0.03, \"u\": 0.01}, {\"name\": \"close_spelling\", \"m\": "
	"0.04, \"u\": 0.005}, {\"name\": \"middle_or_other_name\", \"m\": 0.0"
	"1, \"u\": 0.002}, {\"name\": \"initial\", \"m\": 0.01, \"u\": 0.01}, {"
	"\"name\": \"different\", \"m\": 0.03, \"u\": 0.96}]}, {\"name\": \"fami"
	"ly_name\", \"levels\": [{\"name\": \"exact\", \"m\": 0.85, \"u\": 0.005"
	"}, {\"name\": \"swapped\", \"m\": 0.02, \"u\": 1e-05}, {\"name\": \"sou"
	"nds_alike\", \"m\": 0.05, \"u\": 0.01}, {\"name\": \"close_spelling\""
	", \"m\": 0.04, \"u\": 0.005}, {\"name\": \"different\", \"m\": 0.04, \""
	"u\": 0.98}]}, {\"name\": \"other_names\", \"levels\": [{\"name\": \"ag"
	"ree\", \"m\": 0.6, \"u\": 0.01}, {\"name\": \"different\", \"m\": 0.4, "
	"\"u\": 0.99}]}, {\"name\": \"date_of_birth\", \"levels\": [{\"name\": "
	"\"exact\", \"m\": 0.85, \"u\": 0.0002}, {\"name\": \"day_month_swappe"
	"d\", \"m\": 0.03, \"u\": 1e-05}, {\"name\": \"one_part_slip\", \"m\": 0"
	".05, \"u\": 0.001}, {\"name\": \"one_part_off\", \"m\": 0.01, \"u\": 0"
	".005}, {\"name\": \"partial_agrees\", \"m\": 0.03, \"u\": 0.05}, {\"n"
	"ame\": \"different\", \"m\": 0.03, \"u\": 0.9438}]}, {\"name\": \"gend"
	"er\", \"levels\": [{\"name\": \"same\", \"m\": 0.98, \"u\": 0.5}, {\"nam"
	"e\": \"different\", \"m\": 0.02, \"u\": 0.5}]}, {\"name\": \"address\","
	" \"levels\": [{\"name\": \"same_address\", \"m\": 0.5, \"u\": 0.0001},"
	" {\"name\": \"same_postcode\", \"m\": 0.1, \"u\": 0.0002}, {\"name\": "
	"\"same_line\", \"m\": 0.02, \"u\": 0.0001}, {\"name\": \"same_distric"
	"t\", \"m\": 0.1, \"u\": 0.05}, {\"name\": \"different\", \"m\": 0.28, \""
	"u\": 0.9496}]}, {\"name\": \"school\", \"levels\": [{\"name\": \"same\""
	", \"m\": 0.8, \"u\": 0.01}, {\"name\": \"different\", \"m\": 0.2, \"u\":"
	" 0.99}]}, {\"name\": \"phone\", \"levels\": [{\"name\": \"same\", \"m\":"
	" 0.7, \"u\": 0.0001}, {\"name\": \"different\", \"m\": 0.3, \"u\": 0.9"
	"999}]}, {\"name\": \"nhs_number\", \"levels\": [{\"name\": \"same\", \""
	"m\": 0.99, \"u\": 1e-06}, {\"name\": \"different\", \"m\": 0.01, \"u\":"
	" 0.999999}]}, {\"name\": \"placing_authority\", \"levels\": [{\"nam"
	"e\": \"same\", \"m\": 0.9, \"u\": 0.05}, {\"name\": \"different\", \"m\":"
	" 0.1, \"u\": 0.95}]}, {\"name\": \"reference\", \"levels\": [{\"name\""
	": \"same\", \"m\": 0.95, \"u\": 1e-05}, {\"name\": \"one_off\", \"m\": 0"
	".03, \"u\": 0.0001}, {\"name\": \"different\", \"m\": 0.02, \"u\": 0.9"
	"9989}]}], \"term_frequencies\": {\"given_name\": {\"default\": 1e-"
	"05, \"tokens\": {}}, \"family_name\": {\"default\": 1e-05, \"tokens"
	"\": {}}}, \"training\": {\"u_pairs\": 0, \"em_pairs\": 0, \"labelled"
	"_same\": 0, \"labelled_different\": 0, \"em_iterations\": 0}}"
	;
/* clang-format on */
