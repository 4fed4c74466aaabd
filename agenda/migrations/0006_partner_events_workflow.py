"""Partners' public events go through a Wagtail workflow: an editor approves them, or sends them
back with a comment that the partner receives by e-mail (agenda.moderation)."""

from django.db import migrations

WORKFLOW = "Événements publics des partenaires"
TASK = "Relecture par l'équipe de communication"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    event_type, _created = ContentType.objects.get_or_create(app_label="agenda", model="event")
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
        task.groups.set([Group.objects.get_or_create(name="coordinators")[0]])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.get_or_create(content_type=event_type, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0005_moderation_notice_claim"),
        ("annuaire", "0002_access_groups"),
        ("wagtailcore", "0083_workflowcontenttype"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
