//go:build !race

package reminders_test

const raceOn = false
