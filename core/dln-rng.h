#pragma once

#include <stdint.h>

/* --- Seeded random numbers ---
 * xoshiro256** (Blackman & Vigna, 2018, https://prng.di.unimi.it/) seeded
 * through splitmix64, so one 64-bit seed fixes the whole stream on every
 * machine. Normals by the Marsaglia polar method with the spare cached.
 * Core never uses rand (): every run records its seed. */

typedef struct
{
  uint64_t s[4];
  double   spare;      /* cached second normal of the polar pair */
  int      has_spare;
} DlnRng;

/* dln_rng_init:
 * @rng:  not NULL; state to (re)initialise
 * @seed: any value, 0 included */
void     dln_rng_init     (DlnRng  *rng,
                           uint64_t seed);

/* Next raw 64 bits. */
uint64_t dln_rng_u64      (DlnRng *rng);

/* Uniform on [0, 1) with 53 random bits. */
double   dln_rng_uniform  (DlnRng *rng);

/* Uniform integer on [0, n), n > 0, without modulo bias. */
uint64_t dln_rng_below    (DlnRng  *rng,
                           uint64_t n);

/* Normal with mean @mean and standard deviation @sd (>= 0). */
double   dln_rng_normal   (DlnRng *rng,
                           double  mean,
                           double  sd);
