class DlnRng:
    """dlnlab's generator (core/dln-rng.c), every draw the same double:
    xoshiro256** seeded by splitmix64, Marsaglia polar normals."""

    def __init__(self, seed):
        x, self.s, self.spare = seed, [], None
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) % 2**64
            z = (x ^ x >> 30) * 0xBF58476D1CE4E5B9 % 2**64
            z = (z ^ z >> 27) * 0x94D049BB133111EB % 2**64
            self.s.append(z ^ z >> 31)

    def u64(self):
        s0, s1, s2, s3 = self.s
        r = s1 * 5 % 2**64
        s2, s3 = s2 ^ s0, s3 ^ s1
        self.s = [s0 ^ s3, s1 ^ s2, s2 ^ (s1 << 17) % 2**64,
                  (s3 << 45 | s3 >> 19) % 2**64]
        return (r << 7 | r >> 57) % 2**64 * 9 % 2**64

    def uniform(self):
        return (self.u64() >> 11) * 2.0 ** -53

    def normal(self, mean=0.0, sd=1.0):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return mean + sd * z
        q = 0.0
        while not 0.0 < q < 1.0:
            u, v = 2.0 * self.uniform() - 1.0, 2.0 * self.uniform() - 1.0
            q = u * u + v * v
        f = math.sqrt(-2.0 * math.log(q) / q)
        self.spare = v * f
        return mean + sd * u * f
