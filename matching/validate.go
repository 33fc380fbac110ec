package matching

import "strings"

// validatePlace checks a place command against the market's rules and the
// book's state; on failure it appends the Rejected event and returns the
// error.
func (b *Book) validatePlace(c *Command) error {
	if err := b.validateCodes(c); err != nil {
		return err
	}
	if err := b.validateAmounts(c); err != nil {
		return err
	}
	if err := b.validateTime(c); err != nil {
		return err
	}
	if err := b.validateFees(c); err != nil {
		return err
	}
	return b.validateAgainstBook(c)
}

func (b *Book) validateCodes(c *Command) error {
	switch {
	case !c.Side.valid():
		return b.reject(c, ReasonInvalidSide, "side code %d; use 0 (buy) or 1 (sell)", c.Side)
	case !c.Kind.valid():
		return b.reject(c, ReasonInvalidKind, "kind code %d; use 0 (limit), 1 (market), 2 (stop-limit) or 3 (stop-market)", c.Kind)
	case !c.TimeInForce.valid():
		return b.reject(c, ReasonInvalidTimeInForce, "time in force code %d; use 0 (GTC), 1 (GTD), 2 (IOC) or 3 (FOK)", c.TimeInForce)
	case c.Kind == Market && c.TimeInForce != IOC && c.TimeInForce != FOK:
		return b.reject(c, ReasonInvalidTimeInForce, "a market order cannot rest, so it takes IOC or FOK, not %s", strings.ToUpper(c.TimeInForce.String()))
	case !c.SelfTrade.valid():
		return b.reject(c, ReasonInvalidSelfTradeMode, "code %d; use 0 (cancel newest), 1 (cancel oldest) or 2 (cancel both)", c.SelfTrade)
	case c.PostOnly && (c.Kind != Limit || (c.TimeInForce != GTC && c.TimeInForce != GTD)):
		return b.reject(c, ReasonPostOnlyNotAllowed, "post-only applies only to GTC and GTD limit orders, and this is a %s order with time in force %s; remove post-only or make it a GTC or GTD limit order", c.Kind, strings.ToUpper(c.TimeInForce.String()))
	}
	return nil
}

func (b *Book) validateAmounts(c *Command) error {
	switch {
	case c.Quantity == 0:
		return b.reject(c, ReasonZeroQuantity, "quantity is 0 lots")
	case c.Quantity > b.cfg.MaxQuantity:
		return b.reject(c, ReasonQuantityTooLarge, "quantity %d lots is above the market maximum %d", c.Quantity, b.cfg.MaxQuantity)
	case c.Price == 0:
		return b.reject(c, ReasonZeroPrice, "price is 0 ticks; market orders also carry a worst acceptable price")
	case c.Price > b.cfg.MaxPrice:
		return b.rejectPrice(c, ReasonPriceTooHigh, c.Price, b.cfg.MaxPrice, "price %d ticks is above the market maximum %d", c.Price, b.cfg.MaxPrice)
	case c.Kind.isStop() && c.TriggerPrice == 0:
		return b.reject(c, ReasonInvalidTriggerPrice, "a %s order needs a trigger price above 0 ticks", c.Kind)
	case !c.Kind.isStop() && c.TriggerPrice != 0:
		return b.reject(c, ReasonInvalidTriggerPrice, "trigger price %d on a %s order; only stop orders take one", c.TriggerPrice, c.Kind)
	case c.TriggerPrice > b.cfg.MaxPrice:
		return b.rejectPrice(c, ReasonPriceTooHigh, c.TriggerPrice, b.cfg.MaxPrice, "trigger price %d ticks is above the market maximum %d", c.TriggerPrice, b.cfg.MaxPrice)
	}
	return nil
}

// validateTime checks the expiry: a GTD order needs one after the last
// tick, an IOC or FOK stop order may have one after the last tick, and
// every other order has none.
func (b *Book) validateTime(c *Command) error {
	switch {
	case c.Expiry != 0 && !takesExpiry(c.Kind, c.TimeInForce):
		return b.reject(c, ReasonExpiryWithoutGTD, "expiry %d on a %s %s order; only GTD orders and IOC or FOK stop orders take one, so use GTD or set expiry to 0",
			c.Expiry, c.TimeInForce, c.Kind)
	case (c.TimeInForce == GTD || c.Expiry != 0) && c.Expiry <= b.lastTick:
		return b.reject(c, ReasonExpiryNotAfterLastTick, "expiry %d is not after the last tick %d", c.Expiry, b.lastTick)
	}
	return nil
}

// validateFees rejects an order whose max fee is below a rate it may pay:
// the taker fee unless it is post-only, and the maker fee if it may rest.
func (b *Book) validateFees(c *Command) error {
	if !c.PostOnly && b.cfg.TakerFeeBps > c.MaxFeeBps {
		return b.reject(c, ReasonFeeAboveMax, "taker fee %d bps is above the order's max fee %d bps", b.cfg.TakerFeeBps, c.MaxFeeBps)
	}
	if mayRest(c.Kind, c.TimeInForce) && b.cfg.MakerFeeBps > c.MaxFeeBps {
		return b.reject(c, ReasonFeeAboveMax, "maker fee %d bps is above the order's max fee %d bps", b.cfg.MakerFeeBps, c.MaxFeeBps)
	}
	return nil
}

func (b *Book) validateAgainstBook(c *Command) error {
	if _, dup := b.orderSlot(c.OrderID); dup {
		return b.reject(c, ReasonDuplicateOrderID, "an open order already has this id; choose a new id")
	}
	if c.Kind.isStop() {
		return b.validateStop(c)
	}
	if mayRest(c.Kind, c.TimeInForce) && b.resting >= b.cfg.MaxRestingOrders {
		return b.reject(c, ReasonBookFull, "the book holds its maximum of %d resting orders", b.cfg.MaxRestingOrders)
	}
	if c.PostOnly {
		opp := b.side(c.Side.Opposite())
		if opp.best != nilSlot && crosses(c.Side, c.Price, b.lvl(opp.best).price) {
			return b.rejectPrice(c, ReasonPostOnlyWouldTake, c.Price, b.lvl(opp.best).price, "price %d ticks crosses the best %s at %d",
				c.Price, c.Side.Opposite(), b.lvl(opp.best).price)
		}
	}
	return nil
}

func (b *Book) validateStop(c *Command) error {
	if b.stops >= b.cfg.MaxStopOrders {
		return b.reject(c, ReasonStopBookFull, "the book holds its maximum of %d stop orders", b.cfg.MaxStopOrders)
	}
	last := b.lastTradePrice
	if last == 0 {
		return nil
	}
	if c.Side == Buy && c.TriggerPrice <= last {
		return b.rejectPrice(c, ReasonStopWrongSide, c.TriggerPrice, last, "buy stop trigger %d ticks is not above the last trade price %d", c.TriggerPrice, last)
	}
	if c.Side == Sell && c.TriggerPrice >= last {
		return b.rejectPrice(c, ReasonStopWrongSide, c.TriggerPrice, last, "sell stop trigger %d ticks is not below the last trade price %d", c.TriggerPrice, last)
	}
	return nil
}
