"""The dashboard's own settings, from environment variables with the prefix ``EENLOKET_``.

Read per request (it is cheap), so a changed environment shows after a restart of the
server and tests can switch a setting without rebuilding the app.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DashboardSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EENLOKET_", extra="ignore")

    stats_per_clerk: bool = False
    """Figures per clerk. Off by default: switching them on is a works-council matter."""
    stats_service_level: float = Field(default=0.8, gt=0, lt=1)
    """The share of visitors the staffing advice wants helped within the norm."""
    stats_staffing_weeks: int = Field(default=4, ge=1, le=26)
    """How many recent weeks of demand the staffing advice averages."""
    dashboard_offline_minutes: float = Field(default=5.0, gt=0)
    """A kiosk or board not heard from for this long is shown as offline."""
    dashboard_risk_share: float = Field(default=0.8, gt=0, lt=1)
    """A waiting visitor is "at risk" after this share of the norm."""
    dashboard_help_minutes: float = Field(default=15.0, gt=0)
    """How long a kiosk's call for help stays on the dashboard."""
