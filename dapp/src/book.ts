// The order book of one market as the `book` subscription builds it: a
// snapshot, then updates whose sequence numbers must follow one another.

import type { BookSnapshot, BookUpdate, Level, Side } from './types';

// levelsPerSideMax bounds the levels kept per side; past it the levels
// farthest from the best price are dropped.
export const levelsPerSideMax = 2_000;

export type UpdateResult = 'applied' | 'stale' | 'gap' | 'no-snapshot';

export class OrderBook {
  readonly market: string;
  // sequence is the sequence number of the last applied notification, or
  // -1 before the first snapshot.
  sequence = -1;
  private readonly sides: Record<Side, Map<string, Level>> = { buy: new Map(), sell: new Map() };

  constructor(market: string) {
    this.market = market;
  }

  get ready(): boolean {
    return this.sequence >= 0;
  }

  applySnapshot(snapshot: BookSnapshot): void {
    this.sides.buy.clear();
    this.sides.sell.clear();
    snapshot.bids.forEach((l) => this.sides.buy.set(l.priceTicks, { ...l }));
    snapshot.asks.forEach((l) => this.sides.sell.set(l.priceTicks, { ...l }));
    this.sequence = snapshot.sequence;
    this.trim('buy');
    this.trim('sell');
  }

  // applyUpdate applies an update that follows the last notification. It
  // returns 'gap' and changes nothing when an update was missed, so the
  // caller subscribes again for a new snapshot.
  applyUpdate(update: BookUpdate): UpdateResult {
    if (!this.ready) {
      return 'no-snapshot';
    }
    if (update.sequence <= this.sequence) {
      return 'stale';
    }
    if (update.sequence !== this.sequence + 1) {
      return 'gap';
    }
    for (const change of update.changes) {
      const side = this.sides[change.side];
      if (BigInt(change.quantityLots) === 0n) {
        side.delete(change.priceTicks);
        continue;
      }
      const orders = side.get(change.priceTicks)?.orders ?? 0;
      side.set(change.priceTicks, {
        price: change.price,
        priceTicks: change.priceTicks,
        quantity: change.quantity,
        quantityLots: change.quantityLots,
        orders,
      });
    }
    this.sequence = update.sequence;
    this.trim('buy');
    this.trim('sell');
    return 'applied';
  }

  // levels returns up to depth levels of a side, best price first: bids
  // (buy) from the highest price, asks (sell) from the lowest.
  levels(side: Side, depth: number): Level[] {
    const sorted = [...this.sides[side].values()].sort((a, b) => compareTicks(a, b, side));
    return sorted.slice(0, depth);
  }

  best(side: Side): Level | undefined {
    return this.levels(side, 1)[0];
  }

  private trim(side: Side): void {
    const levels = this.sides[side];
    if (levels.size <= levelsPerSideMax) {
      return;
    }
    const sorted = [...levels.values()].sort((a, b) => compareTicks(a, b, side));
    sorted.slice(levelsPerSideMax).forEach((l) => levels.delete(l.priceTicks));
  }
}

function compareTicks(a: Level, b: Level, side: Side): number {
  const x = BigInt(a.priceTicks);
  const y = BigInt(b.priceTicks);
  if (x === y) {
    return 0;
  }
  const ascending = x < y ? -1 : 1;
  return side === 'sell' ? ascending : -ascending;
}
