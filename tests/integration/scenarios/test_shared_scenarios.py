"""Every shared scenario through the commands and read models, every number compared."""

from pathlib import Path

import pytest

from dojo.app.service import Dojo
from dojo.clock import FixedClock
from dojo.domain import commands as cmd
from tests.scenario_driver import Driver, load, scenario_files

BUDGET = "00000000-0000-4000-a000-000000000001"


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_scenario_numbers_match(path: Path, dojo: Dojo, clock: FixedClock) -> None:
    scenario = load(path)
    clock.at = FixedClock.on(scenario["today"]).at
    dojo.execute(BUDGET, cmd.CreateBudget(budget_id=BUDGET, name=scenario["name"],
                                          currency=scenario["budget"]["currency"]))
    driver = Driver(dojo, BUDGET, scenario)
    for step in scenario["steps"]:
        driver.step(step)
    assert driver.actual(scenario["expect"]) == scenario["expect"]


def test_there_are_scenarios() -> None:
    assert len(scenario_files()) >= 14
