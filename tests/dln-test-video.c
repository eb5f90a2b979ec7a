/* Decoding recorded animations in tests (dln-test-video.h). */

#include "config.h"

#include "dln-test-video.h"

#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

/* An RGB24 copy of @w x @h pixels in BGRx order (@stride bytes a row). */
static cairo_surface_t *
surface_from_bgrx (const guint8 *data,
                   int           w,
                   int           h,
                   int           stride)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);

  cairo_surface_flush (s);
  for (int y = 0; y < h; y++)
    memcpy (cairo_image_surface_get_data (s)
            + (size_t) y * cairo_image_surface_get_stride (s),
            data + (size_t) y * stride, 4 * (size_t) w);
  cairo_surface_mark_dirty (s);
  return s;
}

int
dln_test_decode_video (const char       *path,
                       int              *width,
                       int              *height,
                       int               want,
                       cairo_surface_t **frame)
{
  g_autofree char *desc = g_strdup_printf ("filesrc location=\"%s\" ! "
                                           "decodebin ! videoconvert ! "
                                           "video/x-raw,format=BGRx ! "
                                           "appsink name=sink sync=false",
                                           path);
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (desc, &error);
  GstElement *sink;
  GstSample *sample;
  int n = 0;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  if (frame != NULL)
    *frame = NULL;
  *width = *height = 0;
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstVideoInfo info;

      g_assert_true (gst_video_info_from_caps (&info,
                                               gst_sample_get_caps (sample)));
      if (n == 0)
        {
          *width = GST_VIDEO_INFO_WIDTH (&info);
          *height = GST_VIDEO_INFO_HEIGHT (&info);
        }
      g_assert_cmpint (GST_VIDEO_INFO_WIDTH (&info), ==, *width);
      g_assert_cmpint (GST_VIDEO_INFO_HEIGHT (&info), ==, *height);
      if (frame != NULL && n == want)
        {
          GstBuffer *buf = gst_sample_get_buffer (sample);
          GstMapInfo map;

          g_assert_true (gst_buffer_map (buf, &map, GST_MAP_READ));
          *frame = surface_from_bgrx (map.data, *width, *height,
                                      GST_VIDEO_INFO_PLANE_STRIDE (&info, 0));
          gst_buffer_unmap (buf, &map);
        }
      gst_sample_unref (sample);
      n++;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
  return n;
}

char **
dln_test_identify (const char *path,
                   const char *format)
{
  g_autofree char *cmd = g_strdup_printf ("identify -format '%s' '%s'",
                                          format, path);
  g_autofree char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strsplit (g_strchomp (out), "\n", -1);
}
