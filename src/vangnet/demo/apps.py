from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vangnet.demo"
    label = "demo"
    verbose_name = "Demodata"
