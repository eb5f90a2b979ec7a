#include "dln-rng.h"

#include "dln-core-private.h"

#include <math.h>

static inline uint64_t
rotl (uint64_t x,
      int      k)
{
  return (x << k) | (x >> (64 - k));
}

/* splitmix64 (Steele, Lea & Flood 2014), the seeding the xoshiro authors
 * recommend: it never produces the all-zero state from any seed. */
static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void
dln_rng_init (DlnRng  *rng,
              uint64_t seed)
{
  uint64_t x = seed;

  DLN_ASSERT (rng != NULL);
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
  rng->spare = 0.0;
  rng->has_spare = 0;
}

uint64_t
dln_rng_u64 (DlnRng *rng)
{
  uint64_t *s = rng->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
dln_rng_uniform (DlnRng *rng)
{
  return (double) (dln_rng_u64 (rng) >> 11) * 0x1.0p-53;
}

uint64_t
dln_rng_below (DlnRng  *rng,
               uint64_t n)
{
  uint64_t limit, r;

  DLN_ASSERT (n > 0);
  /* Reject the top partial copy of [0, n) so every value is equally likely. */
  limit = UINT64_MAX - UINT64_MAX % n;
  do
    r = dln_rng_u64 (rng);
  while (r >= limit);
  return r % n;
}

double
dln_rng_normal (DlnRng *rng,
                double  mean,
                double  sd)
{
  double u, v, q, f;

  DLN_ASSERT (sd >= 0.0);
  if (rng->has_spare)
    {
      rng->has_spare = 0;
      return mean + sd * rng->spare;
    }
  do
    {
      u = 2.0 * dln_rng_uniform (rng) - 1.0;
      v = 2.0 * dln_rng_uniform (rng) - 1.0;
      q = u * u + v * v;
    }
  while (q >= 1.0 || q == 0.0);
  f = sqrt (-2.0 * log (q) / q);
  rng->spare = v * f;
  rng->has_spare = 1;
  return mean + sd * u * f;
}
