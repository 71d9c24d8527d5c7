// The demo shop's script. Until the script-tag build (@vitrine/embed) lands, the shop imports
// the elements directly; the page's markup is what a merchant would paste.
import '@vitrine/elements/all';
