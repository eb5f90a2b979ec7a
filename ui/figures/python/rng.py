# dlnlab's random generator, transcribed (core/dln-rng.c): xoshiro256**
# seeded through splitmix64; uniforms with 53 bits; normals by the
# Marsaglia polar method, the second of each pair kept for the next call.
# Python's math.log and math.sqrt are the C library's, so the draws are
# bit for bit the ones dlnlab made.
MASK = (1 << 64) - 1


class DlnRng:
    def __init__(self, seed):
        x, self.s = seed & MASK, []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))
        self.spare = None

    def u64(self):
        s0, s1, s2, s3 = self.s
        r = (s1 * 5) & MASK
        result = ((((r << 7) | (r >> 57)) & MASK) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = ((s3 << 45) | (s3 >> 19)) & MASK
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        return (self.u64() >> 11) * 2.0 ** -53

    def below(self, n):
        limit = MASK - MASK % n
        r = self.u64()
        while r >= limit:
            r = self.u64()
        return r % n

    def normal(self, mean=0.0, sd=1.0):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return mean + sd * z
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            q = u * u + v * v
            if 0.0 < q < 1.0:
                break
        f = math.sqrt(-2.0 * math.log(q) / q)
        self.spare = v * f
        return mean + sd * u * f
