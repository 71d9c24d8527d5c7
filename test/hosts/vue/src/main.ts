import { createApp } from 'vue';
import '@vitrine/elements/coupon-cart';
import '@vitrine/elements/scenario-compare';
import App from './App.vue';

createApp(App).mount('#root');
