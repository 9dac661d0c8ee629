// Poppler's process-wide state, set up once per process (issue 12 item 2). poppler-glib builds its
// GlobalParams (the CMap and CID-to-Unicode caches, the system font lookups) for the first open
// PopplerDocument and frees it with the last one, so a worker reading one PDF after another re-read
// the Adobe-GB1 CMaps and re-scanned the encoding directories for every document: a sixth of a
// nightly run's CPU. Keeping one tiny document open for the life of the process keeps that state.
#pragma once

namespace lh::ingest {

// Call before opening a PopplerDocument (cheap after the first call; thread-safe): poppler's log
// messages silenced (g_log domain "Poppler": the caller reports problems itself) and its global
// state kept alive until the process ends.
void use_poppler();

}  // namespace lh::ingest
