#include "dln-hash.h"

uint64_t
dln_hash_fnv1a (uint64_t    h,
                const void *data,
                size_t      size)
{
  const unsigned char *p = data;

  for (size_t i = 0; i < size; i++)
    {
      h ^= p[i];
      h *= UINT64_C (0x100000001b3);
    }
  return h;
}
