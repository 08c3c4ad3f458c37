// The design system: tokens (colours, spacing, type; light and dark) and the base styles built
// from them. Imported once, by main.ts, before any component.
import "./tokens.css";
import "./base.css";
