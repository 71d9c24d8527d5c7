// React 19 sets properties on custom elements (when the element has one of that name) and
// listens to `on<event-name>` props itself: the elements are used directly, no wrapper. One
// type-only import adds every <vitrine-*> tag, prop and event to JSX.IntrinsicElements.
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@vitrine/elements/coupon-cart';
import '@vitrine/elements/scenario-compare';
import type {} from '@vitrine/elements/jsx-react';
import type { CouponCart } from '@vitrine/elements';
import { coupons, lines, scenarios, specs, type HostState } from '../../catalog.ts';

function App() {
  const cart = useRef<CouponCart>(null);
  const [cartLines, setCartLines] = useState(lines);
  const [state, setState] = useState<HostState>({ scenario: 'dorm', quantities: '1,1', checkouts: 0 });

  return (
    <main>
      <h1>React 19 + @vitrine/elements</h1>
      <vitrine-scenario-compare
        scenarios={scenarios}
        specs={specs}
        selected={state.scenario}
        onvitrine-scenario-change={(event) => setState((s) => ({ ...s, scenario: event.detail.scenario }))}
      />
      <vitrine-coupon-cart
        ref={cart}
        lines={cartLines}
        coupons={coupons}
        currency="CNY"
        shipping={1500}
        onvitrine-cart-change={(event) =>
          setState((s) => ({ ...s, quantities: event.detail.lines.map((l) => l.quantity).join(',') }))
        }
        onvitrine-checkout={(event) => {
          event.preventDefault(); // the app runs its own checkout
          setState((s) => ({ ...s, checkouts: s.checkouts + 1 }));
        }}
      >
        <p slot="empty" id="empty-message">
          Your cart is empty.
        </p>
      </vitrine-coupon-cart>
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
