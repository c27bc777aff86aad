//go:build race

package reminders_test

// raceOn shortens the simulated week under the race detector, which makes
// SQLite (transpiled C) some twenty times slower.
const raceOn = true
