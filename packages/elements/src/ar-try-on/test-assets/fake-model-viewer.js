// A stand-in for @google/model-viewer in tests: records that it was imported and defines the tag.
window.__fakeModelViewerImports = (window.__fakeModelViewerImports || 0) + 1;
if (!customElements.get('model-viewer')) {
  customElements.define(
    'model-viewer',
    class extends HTMLElement {
      activateAR() {
        window.__fakeModelViewerAr = (window.__fakeModelViewerAr || 0) + 1;
      }
    },
  );
}
