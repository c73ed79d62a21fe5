/*
 * banned.h: C library functions that Lantern never calls, because each has a safer
 * replacement that bounds its output or reports its errors:
 *   strcpy, strcat       -> struct buf (util/buf.h) or snprintf
 *   sprintf, vsprintf    -> snprintf, vsnprintf, buf_printf
 *   strtok               -> strtok_r or an explicit scanner
 *   atoi, atol, atoll    -> parse_int64 (util/parse.h): range-checked
 *   gets                 -> fgets
 * Using one is a compile error naming the function.
 */
#ifndef LANTERN_BANNED_H
#define LANTERN_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(...) BANNED(strcpy)
#undef strcat
#define strcat(...) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(...) BANNED(strtok)
#undef atoi
#define atoi(...) BANNED(atoi)
#undef atol
#define atol(...) BANNED(atol)
#undef atoll
#define atoll(...) BANNED(atoll)
#undef gets
#define gets(...) BANNED(gets)

#endif
