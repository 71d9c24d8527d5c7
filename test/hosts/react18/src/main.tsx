// React 18 cannot set properties on custom elements or listen to their events by itself: the
// @vitrine/react wrappers do both. Objects go in as properties, `onVitrine…` props receive the
// events (typed), children are slotted.
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { VitrineCouponCart, type CouponCart } from '@vitrine/react/coupon-cart';
import { VitrineScenarioCompare } from '@vitrine/react/scenario-compare';
import { coupons, lines, scenarios, specs, type HostState } from '../../catalog.ts';

function App() {
  const cart = useRef<CouponCart>(null);
  const [cartLines, setCartLines] = useState(lines);
  const [state, setState] = useState<HostState>({ scenario: 'dorm', quantities: '1,1', checkouts: 0 });

  return (
    <main>
      <h1>React 18 + @vitrine/react</h1>
      <VitrineScenarioCompare
        scenarios={scenarios}
        specs={specs}
        selected={state.scenario}
        onVitrineScenarioChange={(event) => setState((s) => ({ ...s, scenario: event.detail.scenario }))}
      />
      <VitrineCouponCart
        ref={cart}
        lines={cartLines}
        coupons={coupons}
        currency="CNY"
        shipping={1500}
        onVitrineCartChange={(event) =>
          setState((s) => ({ ...s, quantities: event.detail.lines.map((l) => l.quantity).join(',') }))
        }
        onVitrineCheckout={(event) => {
          event.preventDefault(); // the app runs its own checkout
          setState((s) => ({ ...s, checkouts: s.checkouts + 1 }));
        }}
      >
        <p slot="empty" id="empty-message">
          Your cart is empty.
        </p>
      </VitrineCouponCart>
      <button id="empty-cart" type="button" onClick={() => setCartLines([])}>
        Empty the cart
      </button>
      <output id="state">{JSON.stringify(state)}</output>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
