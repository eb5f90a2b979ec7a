#pragma once

/* What every fuzz target does with a broken contract: say which, on
 * stderr, and abort (a finding the fuzzer records, a failed replay). */

/* fuzz_fail:
 * @what: the contract broken; @detail (nullable): the input's part that
 * broke it (an expression, a page id, an error message). */
void fuzz_fail (const char *what,
                const char *detail) __attribute__ ((noreturn));
