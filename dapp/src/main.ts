// Entry point: connects to the node that served the page and draws every
// panel. Without an injected wallet the page runs read-only.

import './style.css';
import { App } from './app';
import { NodeClient } from './rpc';
import { mountAccount } from './ui/account';
import { mountHeader } from './ui/header';
import { mountMarket } from './ui/market';
import { mountMarkets } from './ui/markets';
import { mountOrderForm } from './ui/orderForm';
import { Wallet } from './wallet';

const app = new App(NodeClient.sameOrigin(window.location), Wallet.detect(window));
mountHeader(app);
mountMarkets(app);
mountMarket(app);
mountOrderForm(app);
mountAccount(app);
void app.start();
