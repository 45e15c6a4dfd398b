// SQL fragments for a seeded, set-based generator. Every random draw is a pure function of (seed, stream name,
// row number), computed inside PostgreSQL by hashint8extended, so the data is the same for the same seed whatever
// order the rows are produced in, and no value ever travels row by row from Node.

/** FNV-1a, 32 bit: a stable number for a stream name. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A SQL text[] literal. */
export function textArray(values: readonly string[]): string {
  return `array[${values.map(lit).join(",")}]::text[]`;
}

export class RandomSql {
  private streams = new Map<number, string>();

  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed >= 2 ** 21)
      throw new Error("The seed must be a whole number from 0 to 2097151");
  }

  /** The hash key of a stream: the seed in the high bits, the stream name's hash in the low 32. */
  private key(stream: string): string {
    const h = fnv1a(stream);
    const other = this.streams.get(h);
    if (other !== undefined && other !== stream)
      throw new Error(`Random streams "${other}" and "${stream}" collide: rename one`);
    this.streams.set(h, stream);
    return String(BigInt(this.seed) * 2n ** 32n + BigInt(h));
  }

  /** Uniform in [0, 1), 52 bits. */
  u(stream: string, n: string): string {
    return `((hashint8extended((${n})::int8, ${this.key(stream)}) & 4503599627370495)::float8 / 4503599627370496.0)`;
  }

  /** Whole number in [0, count). */
  int(stream: string, n: string, count: number | string): string {
    return `floor(${this.u(stream, n)} * (${count}))::int`;
  }

  /** Standard normal (Box–Muller over two streams). */
  normal(stream: string, n: string): string {
    return `(sqrt(-2 * ln(${this.u(stream + ".a", n)} + 1e-12)) * cos(2 * pi() * ${this.u(stream + ".b", n)}))`;
  }

  /** True with probability p. */
  chance(stream: string, n: string, p: number | string): string {
    return `(${this.u(stream, n)} < (${p}))`;
  }

  /**
   * A deterministic UUID for row n of a kind, from two 64-bit hashes with the version 4 and RFC variant bits set
   * (strict validators accept it). Four times cheaper than md5 of a string, which matters at ten million rows.
   */
  uuid(kind: string, n: string): string {
    const hi = `((hashint8extended((${n})::int8, ${this.key(`uuid.${kind}.hi`)}) & -61441) | 16384)`;
    const lo = `((hashint8extended((${n})::int8, ${this.key(`uuid.${kind}.lo`)}) & 4611686018427387903) | -9223372036854775808)`;
    return `(lpad(to_hex(${hi}), 16, '0') || lpad(to_hex(${lo}), 16, '0'))::uuid`;
  }

  /** One value of a list, uniformly. */
  pick(stream: string, n: string, values: readonly string[]): string {
    return `(${textArray(values)})[1 + ${this.int(stream, n, values.length)}]`;
  }

  /** One value of a list by weight: a CASE over cumulative thresholds of a single draw. */
  weighted(stream: string, n: string, choices: readonly (readonly [string, number])[]): string {
    return weightedBy(this.u(stream, n), choices);
  }
}

/**
 * A CASE choosing by cumulative weight for a uniform draw (values are SQL expressions). The draw is repeated in
 * each arm rather than bound in a subquery: a hash costs nanoseconds, a per-row subplan costs far more.
 */
export function weightedBy(draw: string, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let cum = 0;
  const arms = choices.slice(0, -1).map(([value, w]) => {
    cum += w / total;
    return `when ${draw} < ${cum.toFixed(12)} then ${value}`;
  });
  return `(case ${arms.join(" ")} else ${choices[choices.length - 1][0]} end)`;
}
