"""Demo pilots of the AI pilots showcase, when the calls demo has opened its workstream.

Each is modelled on a real, public case and cites its public sources (evidence links). Figures the
sources give are recorded as KPIs, in the sources' own terms. Sources almost never give the AI's
own footprint nor the avoided emissions in kilograms: where a figure is needed for the net effect,
it is an **assumption**, written out in the pilot's "Assumptions" field with the reasoning, never
presented as sourced. A pilot whose benefit is not in CO2e (flood warnings, biodiversity) shows no
carbon benefit, so its net effect is its footprint, negative: the benefit it serves is stated in
words. All are marked as demo; loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from sustainai.toolkits.pilots import services
from sustainai.toolkits.pilots.models import Collection, Pilot, State
from sustainai.toolkits.pilots.rules import WORKSTREAM_SLUG
from sustainai.workstreams.models import Workstream

CHECKED = datetime.date(2026, 12, 4)

PILOTS: list[dict[str, Any]] = [
    {
        "slug": "demo-data-centre-cooling-control",
        "title": "Machine-learning control of data-centre cooling",
        "summary": "Neural networks trained on a data centre's sensor history recommend, then apply, "
        "cooling settings that use less energy for the same safety margins.",
        "lead_organisation_label": "Google DeepMind",
        "partners": "Google data-centre operations",
        "problem": "Cooling is the largest overhead of a data centre's energy use, and the "
        "interactions between chillers, towers and pumps are too many for fixed rules.",
        "sector": "digital",
        "sdgs": [7, 9, 13],
        "domain": "climate_mitigation",
        "technique": "Ensembles of deep neural networks predicting future PUE, temperature and "
        "pressure from thousands of sensors; recommendations checked against safety limits.",
        "data_sources": "The operator's own sensor logs (temperatures, power, pump speeds).",
        "openness": "closed",
        "status": "implemented",
        "trl": 9,
        "countries": [],
        "kpis": [
            {
                "name": "Energy used for cooling",
                "baseline": 100,
                "result": 60,
                "unit": "% of the energy used without the model",
                "period_months": 12,
                "method": "measured",
                "avoided_kgco2e": 1_600_000,
                "avoided_low": 800_000,
                "avoided_high": 2_400_000,
                "avoided_assumed": True,
                "verified": False,
            },
            {
                "name": "Overall PUE overhead",
                "baseline": 100,
                "result": 85,
                "unit": "% of the overhead without the model",
                "period_months": 12,
                "method": "measured",
            },
        ],
        "inference_spec": {
            "accelerator": "V100",
            "accelerator_hours": 8760,
            "utilisation": 0.5,
            "location": "US",
        },
        "training_spec": {
            "accelerator": "V100",
            "accelerator_hours": 1344,
            "utilisation": 0.8,
            "location": "US",
        },
        "service_years": 3,
        "rebound_note": "Cheaper cooling lowers the cost of computing, which may invite more of it "
        "(a higher-order effect in ITU-T L.1480's terms).",
        "assumptions": "The source gives percentages (40% less cooling energy, 15% less PUE "
        "overhead) but neither the site nor its energy. Assumed, not sourced: a cooling load of "
        "10 GWh a year on a grid of 400 g CO2e/kWh, so 40% avoided = 1,600 t CO2e a year, taken "
        "from 800 to 2,400 t. The AI's footprint is assumed too: one V100 serving all year, and "
        "training on 8 V100 for one week, spread over 3 years; the site is assumed in the US.",
        "evidence": [
            (
                "Google using DeepMind AI to reduce data center energy (TechSpot, 2016)",
                "https://www.techspot.com/news/65667-google-using-deepmind-ai-reduce-data-center-energy.html",
            ),
        ],
    },
    {
        "slug": "demo-wind-power-forecasting",
        "title": "Forecasting wind-farm output 36 hours ahead",
        "summary": "A neural network forecasts the output of 700 MW of wind farms a day and a half "
        "ahead, so that their power can be committed to the grid in advance.",
        "lead_organisation_label": "Google DeepMind",
        "partners": "Google (wind power buyer)",
        "problem": "Wind output varies; power that cannot be scheduled in advance is worth less "
        "and is harder for the grid to rely on.",
        "sector": "energy",
        "sdgs": [7, 13],
        "domain": "climate_mitigation",
        "technique": "A neural network trained on weather forecasts and turbine history; a model "
        "recommends hourly delivery commitments a day ahead.",
        "data_sources": "Weather forecasts and the wind farms' historical output.",
        "openness": "closed",
        "status": "pilot",
        "trl": 7,
        "countries": ["US"],
        "start_date": datetime.date(2018, 1, 1),
        "kpis": [
            {
                "name": "Value of the wind energy",
                "baseline": 100,
                "result": 120,
                "unit": "% of the value without time-based commitments",
                "period_months": 12,
                "method": "measured",
            },
            {
                "name": "Wind capacity covered",
                "result": 700,
                "unit": "MW",
                "period_months": 12,
                "method": "measured",
            },
        ],
        "inference_spec": {
            "accelerator": "V100",
            "accelerator_hours": 2190,
            "utilisation": 0.5,
            "location": "US",
        },
        "service_years": 1,
        "rebound_note": "The source reports value, not avoided emissions: whether firmer wind "
        "output displaces fossil generation depends on the grid's dispatch.",
        "assumptions": "The source claims a gain in value (about 20%), not in emissions, so no "
        "carbon benefit is counted. The footprint is assumed: one V100 a quarter of the year at "
        "half its TDP, in the US.",
        "evidence": [
            (
                "Machine learning can boost the value of wind energy (Google, 2019)",
                "https://www.blog.google/technology/ai/machine-learning-can-boost-value-wind-energy",
            )
        ],
    },
    {
        "slug": "demo-solar-nowcasting-grid",
        "title": "Solar nowcasting for the national control room",
        "summary": "A model reads satellite images to see how clouds move over solar arrays and "
        "forecasts solar generation minutes to hours ahead for the grid operator.",
        "lead_organisation_label": "Open Climate Fix",
        "partners": "National Grid Electricity System Operator (ESO)",
        "problem": "Without short-term solar forecasts the operator keeps reserve, often gas "
        "plants, running to cover swings in solar output.",
        "sector": "energy",
        "sdgs": [7, 13],
        "domain": "climate_mitigation",
        "technique": "Machine-learning nowcasting from satellite imagery and solar site data.",
        "data_sources": "Satellite images, numerical weather predictions, solar generation data.",
        "openness": "open",
        "licence": "Open-source code (Open Climate Fix)",
        "status": "pilot",
        "trl": 7,
        "countries": ["GB"],
        "kpis": [],
        "inference_spec": {
            "accelerator": "A100-40GB",
            "accelerator_hours": 8760,
            "utilisation": 0.3,
            "location": "GB",
        },
        "service_years": 1,
        "rebound_note": "Fewer fossil plants held in reserve is the expected effect; the source "
        "gives no figure for it.",
        "assumptions": "The sources describe the expected benefit (less reserve held) without a "
        "figure, so no carbon benefit is counted. The footprint is assumed: one A100 all year "
        "at 30% of its TDP, in Great Britain.",
        "evidence": [
            (
                "National Grid ESO sharpens solar forecasts with AI (reNEWS)",
                "https://staging.renews.biz/solar/national-grid-eso-sharpens-solar-forecasts-with-ai/",
            ),
            (
                "AI tool could boost National Grid ESO solar forecasts",
                "https://roboticsandautomationmagazine.co.uk/news/ai/ai-tool-could-boost-national-grid-eso-solar-forecasts.html",
            ),
        ],
    },
    {
        "slug": "demo-floodai-rapid-mapping",
        "title": "FloodAI: automated flood mapping from radar satellites",
        "summary": "Sentinel-1 radar images are downloaded and processed by a machine-learning "
        "model into flood-extent maps and dashboards, reviewed by analysts.",
        "lead_organisation_label": "UNITAR Operational Satellite Applications Programme (UNOSAT)",
        "partners": "UN Global Pulse\nWuhan University",
        "problem": "Rapid flood maps guide humanitarian response, but semi-manual mapping "
        "limits how fast and how often they can be produced.",
        "sector": "disaster",
        "sdgs": [11, 13],
        "domain": "climate_adaptation",
        "technique": "Deep-learning segmentation of water in radar imagery, trained on past "
        "flood activations.",
        "data_sources": "Copernicus Sentinel-1 radar images; UNOSAT's archive of flood maps.",
        "openness": "partly",
        "status": "implemented",
        "trl": 8,
        "countries": ["BD", "NP"],
        "start_date": datetime.date(2020, 7, 1),
        "kpis": [
            {
                "name": "Flood events mapped by UNOSAT",
                "result": 17,
                "unit": "events a year (average)",
                "period_months": 12,
                "method": "measured",
            },
            {
                "name": "Time to deliver a flood map (before AI)",
                "baseline": 2,
                "unit": "days",
                "period_months": 12,
            },
        ],
        "inference_spec": {
            "accelerator": "V100",
            "accelerator_hours": 2000,
            "utilisation": 0.5,
            "location": "CH",
        },
        "service_years": 1,
        "rebound_note": "None expected: the benefit is faster humanitarian response, not "
        "energy saved.",
        "assumptions": "The benefit is adaptation (faster, more frequent flood maps), not "
        "avoided emissions, so no carbon benefit is counted. The footprint is assumed: 2,000 "
        "V100-hours a year at half TDP, in Switzerland (UNOSAT is in Geneva).",
        "evidence": [
            (
                "UNOSAT FloodAI dashboards for Nepal (UNITAR)",
                "https://www.unitar.org/about/news-stories/news/unosat-flood-ai-dashboards-nepal-creation-one-stop-shop-real-time-evidence-based-decision-making",
            ),
            (
                "Fusing AI and satellite image analysis to inform rapid response to floods (UNITAR, 2021)",
                "https://unitar.org/about/news-stories/news/fusing-ai-satellite-image-analysis-inform-rapid-response-floods",
            ),
            (
                "UNOSAT introduces AI in its flood rapid mapping operations (Bangladesh, 2020)",
                "https://knowdisaster.com/unosat-introduces-ai-in-its-flood-rapid-mapping-operations-for-the-benefit-of-national-disaster-management-authorities/",
            ),
        ],
    },
    {
        "slug": "demo-riverine-flood-forecasting",
        "title": "Riverine flood forecasting in ungauged basins",
        "summary": "Long short-term memory networks forecast extreme river floods up to seven days "
        "ahead, including where rivers have no gauges, published free in over 80 countries.",
        "lead_organisation_label": "Google Research",
        "problem": "Most of the world's watersheds have no stream gauges, so classic models "
        "cannot be calibrated where flood warnings are most needed.",
        "sector": "disaster",
        "sdgs": [1, 11, 13],
        "domain": "climate_adaptation",
        "technique": "LSTM networks trained on gauged basins worldwide, generalising to "
        "ungauged ones.",
        "data_sources": "Open, public weather and streamflow datasets.",
        "openness": "partly",
        "licence": "Forecasts free and open (Flood Hub)",
        "status": "implemented",
        "trl": 9,
        "countries": [],
        "kpis": [
            {
                "name": "Reliable lead time in ungauged basins",
                "baseline": 0,
                "result": 5,
                "unit": "days (vs. GloFAS nowcasts)",
                "period_months": 12,
                "method": "measured",
            },
            {
                "name": "Countries with public forecasts",
                "result": 80,
                "unit": "countries (over)",
                "period_months": 12,
                "method": "measured",
            },
        ],
        "inference_spec": {
            "accelerator": "TPU v4",
            "accelerator_hours": 20000,
            "utilisation": 0.5,
            "location": "US",
        },
        "service_years": 1,
        "rebound_note": "None expected: the benefit is earlier flood warnings.",
        "assumptions": "The benefit is adaptation, not avoided emissions, so no carbon benefit "
        "is counted. The footprint is assumed: 20,000 TPU v4-hours a year, in the US; the "
        "source lists no countries, so none is mapped.",
        "evidence": [
            (
                "Nearing et al., Global prediction of extreme floods in ungauged watersheds, Nature (2024)",
                "https://www.nature.com/articles/s41586-024-07145-1",
            )
        ],
    },
    {
        "slug": "demo-traffic-light-timing",
        "title": "Traffic-light timing recommendations from driving trends",
        "summary": "Models of traffic flow built from aggregated driving trends recommend changes "
        "to traffic-light timing that city engineers apply with their existing equipment.",
        "lead_organisation_label": "Google Research (Project Green Light)",
        "partners": "City traffic authorities (Seattle, Rio de Janeiro, Bengaluru, Boston, among "
        "others)",
        "problem": "Emissions at intersections are far higher than on open roads, about half of "
        "them from vehicles accelerating after a stop.",
        "sector": "transport",
        "sdgs": [11, 13],
        "domain": "climate_mitigation",
        "technique": "Traffic-flow models per intersection; recommended timing changes.",
        "data_sources": "Aggregated driving trends from a maps service.",
        "openness": "closed",
        "status": "pilot",
        "trl": 7,
        "countries": ["US", "BR", "IN"],
        "start_date": datetime.date(2021, 1, 1),
        "kpis": [
            {
                "name": "Stops at intersections",
                "baseline": 100,
                "result": 70,
                "unit": "% of stops before (up to)",
                "period_months": 12,
                "method": "measured",
            },
            {
                "name": "Emissions at intersections",
                "baseline": 100,
                "result": 90,
                "unit": "% of emissions before (up to)",
                "period_months": 1,
                "method": "modelled",
                "avoided_kgco2e": 60_000,
                "avoided_low": 15_000,
                "avoided_high": 120_000,
                "avoided_assumed": True,
            },
            {
                "name": "Car rides through optimised intersections",
                "result": 30_000_000,
                "unit": "rides a month",
                "period_months": 1,
                "method": "measured",
            },
        ],
        "inference_spec": {
            "accelerator": "TPU v4",
            "accelerator_hours": 5000,
            "utilisation": 0.5,
            "location": "US",
        },
        "training_spec": {
            "accelerator": "TPU v4",
            "accelerator_hours": 10000,
            "utilisation": 0.7,
            "location": "US",
        },
        "service_years": 3,
        "rebound_note": "Smoother traffic can attract more driving (induced demand), which would "
        "erode the saving over time.",
        "assumptions": "The sources give up to 10% fewer emissions at intersections and 30 "
        "million rides a month, not tonnes. Assumed, not sourced: 20 g CO2e emitted per ride at "
        "an optimised intersection, so 10% = 2 g × 30 million = 60 t a month, taken from 15 to "
        "120 t (0.5 to 4 g a ride). The footprint is assumed: 5,000 TPU v4-hours a year of "
        "modelling, and 10,000 for training spread over 3 years, in the US.",
        "evidence": [
            (
                "Google unveils AI-powered project to reduce traffic emissions (AI 360)",
                "https://ai-360.online/google-unveils-ai-powered-project-to-reduce-traffic-emissions",
            )
        ],
    },
    {
        "slug": "demo-targeted-herbicide-spraying",
        "title": "Camera-guided targeted herbicide spraying",
        "summary": "Cameras on the sprayer boom and on-board machine vision spray herbicide only "
        "where weeds are, instead of the whole field.",
        "lead_organisation_label": "John Deere / Blue River Technology (See & Spray)",
        "partners": "University of Arkansas System Division of Agriculture",
        "problem": "Broadcast spraying applies herbicide to the whole field, most of it where "
        "there is no weed.",
        "sector": "agriculture",
        "sdgs": [2, 12, 15],
        "domain": "pollution",
        "technique": "Real-time machine vision on edge processors mounted on the sprayer.",
        "data_sources": "Camera images taken during spraying.",
        "openness": "closed",
        "status": "implemented",
        "trl": 9,
        "countries": ["US"],
        "start_date": datetime.date(2022, 1, 1),
        "kpis": [
            {
                "name": "Post-emergence herbicide used (soybean trial, low sensitivity)",
                "baseline": 100,
                "result": 41,
                "unit": "% of broadcast use (up to 59% less)",
                "period_months": 36,
                "method": "measured",
                "verified": True,
                "verifier": "University of Arkansas System Division of Agriculture",
            }
        ],
        "inference_spec": {
            "accelerator": "L4",
            "accelerator_hours": 500,
            "utilisation": 0.8,
            "location": "US",
        },
        "service_years": 1,
        "rebound_note": "The trial warns that a low sensitivity lets more weeds escape, which can "
        "raise weed pressure and herbicide use in later years.",
        "assumptions": "The benefit is less herbicide (pollution), not avoided CO2e, so no carbon "
        "benefit is counted. The footprint of the on-board processors is assumed, not sourced: "
        "one sprayer's vision computers taken as one L4 accelerator at 80% of its TDP for 500 "
        "hours of spraying a year, in the US.",
        "evidence": [
            (
                "Arkansas trial: See & Spray cuts herbicide use by up to 59%",
                "https://agritechinsights.com/index.php/2025/03/12/arkansas-trial-john-deeres-see-spray-cuts-herbicide-use-by-59",
            ),
            (
                "Avent et al., Comparing herbicide application methods with See & Spray technology in soybean (2024)",
                "https://core-prod.cambridgecore.org/core/product/05967C11D1BF0B174A13BE687B865AF2",
            ),
        ],
    },
    {
        "slug": "demo-dark-fleet-mapping",
        "title": "Mapping untracked fishing fleets from satellite imagery",
        "summary": "Deep learning on radar and optical satellite images detects vessels at sea and "
        "matches them with public tracking data, revealing industrial activity that is not "
        "publicly tracked.",
        "lead_organisation_label": "Global Fishing Watch",
        "partners": "University research partners (Paolo et al., Nature 2024)",
        "problem": "Most vessels are not required to broadcast their position, so fishing "
        "pressure, including in protected areas, is largely invisible.",
        "sector": "environment",
        "sdgs": [14],
        "domain": "biodiversity",
        "technique": "Convolutional neural networks detecting and classifying vessels in "
        "satellite imagery, cross-matched with AIS tracks.",
        "data_sources": "About two petabytes of satellite imagery (2017–2021); AIS data.",
        "openness": "open",
        "licence": "Open data platform",
        "status": "implemented",
        "trl": 8,
        "countries": [],
        "kpis": [
            {
                "name": "Industrial fishing vessels not publicly tracked",
                "result": 75,
                "unit": "% of vessels detected (about)",
                "period_months": 60,
                "method": "measured",
            }
        ],
        "training_spec": {
            "accelerator": "V100",
            "accelerator_hours": 20000,
            "utilisation": 0.7,
            "location": "US",
        },
        "inference_spec": {
            "accelerator": "V100",
            "accelerator_hours": 50000,
            "utilisation": 0.5,
            "location": "US",
        },
        "inference_months": 60,
        "service_years": 5,
        "rebound_note": "None expected; the benefit is enforcement and policy on marine "
        "protection.",
        "assumptions": "The benefit is biodiversity protection, not avoided emissions, so no "
        "carbon benefit is counted. The footprint is assumed: 20,000 V100-hours of training "
        "and 50,000 of processing over the five years of imagery, in the US.",
        "evidence": [
            (
                "Satellite imagery and machine learning reveal hidden scale of global fishing industry",
                "https://nextbigwhat.com/satellite-imagery-and-machine-learning-reveal-hidden-scale-of-global-fishing-industry/",
            )
        ],
    },
    {
        "slug": "demo-acoustic-logging-alerts",
        "title": "Acoustic alerts against illegal logging",
        "summary": "Recycled smartphones in the forest canopy listen for chainsaws and vehicles "
        "and alert rangers in real time.",
        "lead_organisation_label": "Rainforest Connection",
        "partners": "Local ranger teams and conservation organisations",
        "problem": "Illegal logging is fast and forests are vast: satellite images show the "
        "loss after the trees are gone.",
        "sector": "environment",
        "sdgs": [13, 15],
        "domain": "biodiversity",
        "technique": "Machine-learning sound classification of audio from solar-powered "
        "'Guardian' devices.",
        "data_sources": "Continuous audio from the canopy.",
        "openness": "partly",
        "status": "implemented",
        "trl": 8,
        "countries": ["ID", "EC", "PE"],
        "kpis": [],
        "inference_spec": {
            "accelerator": "CPU-only",
            "cpu_model": "Intel Xeon Gold 6248",
            "accelerator_hours": 8760,
            "utilisation": 0.3,
            "location": "US",
        },
        "service_years": 1,
        "rebound_note": "Enforcement in one place may displace logging to unmonitored forest.",
        "assumptions": "Avoided deforestation emissions are plausible but the sources give no "
        "figure, so no carbon benefit is counted. The footprint is assumed: one server "
        "classifying audio all year at 30% of its TDP, in the US.",
        "evidence": [
            (
                "This network of microphones listens for the chainsaws of illegal loggers (Fast Company, 2019)",
                "https://www.fastcompany.com/90435386/this-network-of-microphones-listens-for-the-chainsaws-of-illegal-loggers-in-the-rainforest",
            ),
            (
                "Old smartphones help rainforest park rangers catch poachers (The Hill)",
                "https://thehill.com/changing-america/sustainability/467140-old-smartphones-help-rainforest-park-rangers-catch-poachers",
            ),
        ],
    },
    {
        "slug": "demo-contrail-avoidance-flights",
        "title": "Contrail avoidance with AI forecasts",
        "summary": "Pilots changed altitude where an AI forecast predicted warming contrails; "
        "satellite images afterwards showed fewer contrails, at the cost of some extra fuel.",
        "lead_organisation_label": "Google Research",
        "partners": "American Airlines\nBreakthrough Energy",
        "problem": "Persistent contrails trap heat and form only in specific humid layers, which "
        "a small altitude change can avoid.",
        "sector": "transport",
        "sdgs": [13],
        "domain": "climate_mitigation",
        "technique": "AI forecasts of contrail-forming regions from satellite imagery, weather "
        "and flight data; open contrail models.",
        "data_sources": "Satellite imagery, weather data, flight data.",
        "openness": "partly",
        "status": "pilot",
        "trl": 6,
        "countries": ["US"],
        "kpis": [
            {
                "name": "Contrails formed on test flights",
                "baseline": 100,
                "result": 46,
                "unit": "% of contrails without avoidance (70 flights)",
                "period_months": 6,
                "method": "measured",
            },
            {
                "name": "Fuel burnt on the avoiding flights",
                "baseline": 100,
                "result": 102,
                "unit": "% of fuel without avoidance",
                "period_months": 6,
                "method": "measured",
            },
        ],
        "inference_spec": {
            "accelerator": "TPU v4",
            "accelerator_hours": 1000,
            "utilisation": 0.5,
            "location": "US",
        },
        "inference_months": 6,
        "service_years": 1,
        "rebound_note": "The 2% extra fuel of the avoiding flights is extra CO2; the warming "
        "avoided is non-CO2 and is not counted here.",
        "assumptions": "The benefit is non-CO2 warming avoided, which this showcase does not "
        "convert to CO2e; the extra fuel is not counted either, for want of the flights' fuel "
        "figures. The footprint is assumed: 1,000 TPU v4-hours over the six months, in the US.",
        "evidence": [
            (
                "American Airlines teams up with Google to cut contrails using AI (2023)",
                "https://businesstravelerusa.com/news/american-airlines-google-cut-contrails-using-ai/",
            ),
            (
                "American Airlines collaborates with Google and Breakthrough to reduce contrails",
                "https://airguide.info/american-airlines-collaborates-with-google-and-breakthrough-to-reduce-contrails-using-ai",
            ),
        ],
    },
    {
        "slug": "demo-ml-weather-forecasting",
        "title": "Machine-learning medium-range weather forecasting",
        "summary": "A graph neural network trained on decades of reanalysis forecasts the weather "
        "ten days ahead in under a minute on one accelerator.",
        "lead_organisation_label": "Google DeepMind (GraphCast)",
        "problem": "Numerical weather prediction needs hours on supercomputers for each forecast.",
        "sector": "environment",
        "sdgs": [11, 13],
        "domain": "climate_adaptation",
        "technique": "Graph neural network (GraphCast) trained on ECMWF's ERA5 reanalysis.",
        "data_sources": "ERA5 reanalysis (ECMWF).",
        "openness": "open",
        "licence": "Code and weights published",
        "status": "implemented",
        "trl": 7,
        "countries": [],
        "kpis": [
            {
                "name": "Verification targets where the model beats ECMWF HRES",
                "result": 90,
                "unit": "% of 1,380 targets",
                "period_months": 12,
                "method": "measured",
                "verified": True,
                "verifier": "Peer review (Science, 2023)",
            },
            {
                "name": "Time for a 10-day forecast",
                "result": 1,
                "unit": "minute (under), on one TPU v4",
                "period_months": 12,
                "method": "measured",
            },
        ],
        "training_spec": {"accelerator": "TPU v4", "accelerator_hours": 21504, "location": "US"},
        "inference_spec": {"accelerator": "TPU v4", "accelerator_hours": 24.3, "location": "US"},
        "service_years": 3,
        "rebound_note": "Cheap forecasts invite many more runs (large ensembles), which would "
        "raise the footprint.",
        "assumptions": "Training on 32 TPU v4 for about four weeks (as the paper reports) is "
        "21,504 TPU-hours; spread over an assumed 3 years of service. Inference assumed: four "
        "forecasts a day of one minute each (24.3 TPU-hours a year). Site assumed in the US. "
        "The benefit is better forecasts, not avoided emissions: no carbon benefit counted.",
        "evidence": [
            (
                "Lam et al., Learning skillful medium-range global weather forecasting, Science (2023)",
                "https://www.science.org/doi/10.1126/science.adi2336",
            )
        ],
    },
    {
        "slug": "demo-emissions-tracking-satellites",
        "title": "Independent tracking of emissions from satellites",
        "summary": "A coalition estimates greenhouse-gas emissions of individual sources worldwide "
        "from satellite and other remote-sensing data with machine learning.",
        "lead_organisation_label": "Climate TRACE coalition",
        "problem": "National inventories are slow and incomplete; many large sources are not "
        "reported independently.",
        "sector": "environment",
        "sdgs": [13],
        "domain": "climate_mitigation",
        "technique": "Machine-learning models estimating activity and emissions per source "
        "from remote sensing.",
        "data_sources": "Satellite imagery, remote sensing, public datasets.",
        "openness": "open",
        "licence": "Open data",
        "status": "implemented",
        "trl": 8,
        "countries": [],
        "kpis": [],
        "inference_spec": {
            "accelerator": "A100-40GB",
            "accelerator_hours": 30000,
            "utilisation": 0.5,
            "location": "US",
        },
        "service_years": 1,
        "rebound_note": "None: the benefit is transparency, which may support mitigation "
        "elsewhere.",
        "assumptions": "The benefit is transparency, not avoided emissions: no carbon benefit "
        "counted. The footprint is assumed: 30,000 A100-hours a year at half TDP, in the US. "
        "The case is listed in GPAI's Climate Change and AI report (2021).",
        "coalition_only": ["footprint"],
        "evidence": [
            ("Climate TRACE", "https://climatetrace.org"),
        ],
    },
]

COLLECTION: dict[str, Any] = {
    "slug": "demo-grids-and-weather",
    "title": "AI for grids and weather (demo collection)",
    "event": "Example event (demo)",
    "introduction": "Pilots on electricity grids and weather, each with its net effect.",
    "pilots": [
        "demo-wind-power-forecasting",
        "demo-solar-nowcasting-grid",
        "demo-ml-weather-forecasting",
        "demo-data-centre-cooling-control",
    ],
}

LISTS = ("kpis", "countries", "evidence")


def load(out) -> None:
    workstream = Workstream.objects.filter(slug=WORKSTREAM_SLUG).first()
    if workstream is None:
        out.write("  no AI pilots showcase workstream: no demo pilot")
        return
    with transaction.atomic():
        for data in PILOTS:
            values = {k: v for k, v in data.items() if k not in LISTS and k != "slug"}
            values.setdefault("last_verified", CHECKED)
            # Published on the day the demo is loaded, as a moderator would have.
            pilot = Pilot.objects.filter(slug=data["slug"]).first() or Pilot(
                slug=data["slug"],
                workstream=workstream,
                is_demo=True,
                state=State.PUBLISHED,
                moderated_at=timezone.now(),
            )
            services.save_pilot(
                pilot,
                values,
                data["kpis"],
                countries=data["countries"],
                evidence=data["evidence"],
            )
        collection = Collection.objects.filter(slug=COLLECTION["slug"]).first() or Collection(
            slug=COLLECTION["slug"], workstream=workstream, is_demo=True
        )
        collection.title = COLLECTION["title"]
        collection.event = COLLECTION["event"]
        collection.introduction = COLLECTION["introduction"]
        services.save_collection(
            collection, list(Pilot.objects.filter(slug__in=COLLECTION["pilots"]))
        )
    out.write(f"  {len(PILOTS)} demo pilot(s) in “{workstream.title}”")
